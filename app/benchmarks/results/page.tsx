import type { Metadata } from "next";
import { Suspense } from "react";
import { ResultsBrowser } from "@/components/benchmarks/browse/ResultsBrowser";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Benchmark results" };

export default async function BenchmarkResultsPage() {
  const access = await requirePageAccess("benchmarks", "/benchmarks/results");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  // The view is read from the address on the client (useSearchParams).
  return (
    <Suspense>
      <ResultsBrowser />
    </Suspense>
  );
}
