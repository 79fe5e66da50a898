import type { Metadata } from "next";
import { BenchmarksWorkspace } from "@/components/benchmarks/BenchmarksWorkspace";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Benchmarks" };

export default async function BenchmarksPage() {
  const access = await requirePageAccess("benchmarks", "/benchmarks");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <BenchmarksWorkspace />;
}
