import type { Metadata } from "next";
import { AssessWorkspace } from "@/components/assess/AssessWorkspace";
import { DreamsimInstallationProvider } from "@/components/dreamsim/DreamsimInstallation";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";
import { hasDreamsimManifest } from "@/lib/server/dreamsim/has-dreamsim-manifest";

export const metadata: Metadata = { title: "Assess" };

export default async function AssessPage() {
  const access = await requirePageAccess("own-data", "/assess");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  const { dreamsimModelUrl } = getConfig();
  return (
    <DreamsimInstallationProvider isInstalled={await hasDreamsimManifest(dreamsimModelUrl)}>
      <AssessWorkspace dreamsimModelUrl={dreamsimModelUrl} />
    </DreamsimInstallationProvider>
  );
}
