import type { Metadata } from "next";
import { DreamsimCheck } from "@/components/dreamsim/DreamsimCheck";
import { DreamsimInstallationProvider } from "@/components/dreamsim/DreamsimInstallation";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { can, roleGranting } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";
import { hasDreamsimManifest } from "@/lib/server/dreamsim/has-dreamsim-manifest";

export const metadata: Metadata = { title: "DreamSim model check" };

export default async function DreamsimPage() {
  const access = await requirePageAccess("own-data", "/dreamsim");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  const { dreamsimModelUrl } = getConfig();
  return (
    <DreamsimInstallationProvider isInstalled={await hasDreamsimManifest(dreamsimModelUrl)}>
      <DreamsimCheck modelUrl={dreamsimModelUrl} canRunBenchmarks={can(access.actor, "benchmarks")} />
    </DreamsimInstallationProvider>
  );
}
