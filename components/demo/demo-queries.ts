import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { demoOverviewSchema, demoSamplePageSchema } from "@/lib/demo/demo-contract";
import { callApi } from "@/lib/http/api-client";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";

/** The generated demo benchmark over /api/demo. */
export const demoKeys = {
  all: ["demo"] as const,
  overview: ["demo", "overview"] as const,
  samples: (subset: BenchmarkSubset) => ["demo", "samples", subset] as const,
};

const samplesPerPage = 12;

/** Whether the installation has the demo benchmark, and its subsets with their sizes. */
export const demoOverviewQueryOptions = () =>
  queryOptions({
    queryKey: demoKeys.overview,
    queryFn: () => callApi("/api/demo", { schema: demoOverviewSchema }),
  });

/** One subset's simulated people, in file order, a page at a time. */
export const demoSamplePagesQueryOptions = (subset: BenchmarkSubset) =>
  infiniteQueryOptions({
    queryKey: demoKeys.samples(subset),
    queryFn: ({ pageParam }) =>
      callApi(`/api/demo/samples?subset=${subset}&offset=${pageParam}&limit=${samplesPerPage}`, {
        schema: demoSamplePageSchema,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
