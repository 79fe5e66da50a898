import type { Metadata } from "next";
import { DreamsimCheck } from "@/components/dreamsim/DreamsimCheck";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { can, roleGranting } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "DreamSim model check" };

export default async function DreamsimPage() {
  const access = await requirePageAccess("own-data", "/dreamsim");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <DreamsimCheck modelUrl={getConfig().dreamsimModelUrl} canRunBenchmarks={can(access.actor, "benchmarks")} />;
}
