import type { Metadata } from "next";
import { Suspense } from "react";
import { RunComparison } from "@/components/benchmarks/compare/RunComparison";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Compare runs" };

export default async function CompareRunsPage() {
  const access = await requirePageAccess("benchmarks", "/benchmarks/compare");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return (
    <Suspense>
      <RunComparison />
    </Suspense>
  );
}
