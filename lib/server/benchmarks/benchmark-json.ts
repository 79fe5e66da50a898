import "server-only";
import type { BenchmarkSubsetJson } from "@/lib/benchmarks/benchmark-contract";
import type { BenchmarkSubsetRecord } from "@/lib/db/benchmark-subsets";

/** A subset as the API shows it. */
export function toSubsetJson(subset: BenchmarkSubsetRecord): BenchmarkSubsetJson {
  return {
    id: subset.id,
    name: subset.name,
    source: subset.source,
    sampleCount: subset.sampleCount,
    createdAt: subset.createdAt.toISOString(),
  };
}
