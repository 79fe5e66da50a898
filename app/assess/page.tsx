import type { Metadata } from "next";
import { AssessWorkspace } from "@/components/assess/AssessWorkspace";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Assess" };

export default async function AssessPage() {
  const access = await requirePageAccess("own-data", "/assess");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <AssessWorkspace dreamsimModelUrl={getConfig().dreamsimModelUrl} />;
}
