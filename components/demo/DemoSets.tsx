"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { DemoSampleCard } from "./DemoSampleCard";
import { demoOverviewQueryOptions, demoSamplePagesQueryOptions } from "./demo-queries";

const subsetNames: Record<BenchmarkSubset, string> = {
  TEST_SP_ID: "One taste, seen",
  TEST_SP_OD: "One taste, unseen",
  TEST_MP_ID: "Two tastes, seen",
  TEST_MP_OD: "Two tastes, unseen",
  TEST_PICKAPIC: "Pick-a-Pic",
};

/**
 * The generated demo benchmark, browsed by subset: simulated people with
 * known tastes, whose pictures anyone can take into their library to try
 * the assessors on.
 */
export function DemoSets() {
  const overview = useQuery(demoOverviewQueryOptions());
  const [chosen, setChosen] = useState<BenchmarkSubset | null>(null);
  const subset = chosen ?? overview.data?.subsets[0]?.subset ?? null;
  const samples = useInfiniteQuery({
    ...demoSamplePagesQueryOptions(subset ?? "TEST_SP_ID"),
    enabled: subset !== null,
  });

  return (
    <section aria-labelledby="demo-heading" className="space-y-4">
      <div>
        <h1 id="demo-heading" className="text-2xl font-semibold tracking-tight">
          Demo sets
        </h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Simulated people from the generated demo benchmark: each likes one look (or two) and dislikes another, told
          apart by art style, colour, medium, saturation and detail. Add a person&apos;s pictures to your library to try
          an assessment on them; their true taste is under each card.
        </p>
      </div>
      <ErrorMessage message={overview.error?.message ?? samples.error?.message ?? null} />
      {overview.data && !overview.data.available && (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          This installation has no demo benchmark: it is written on the first <code>npm start</code> unless{" "}
          <code>DEMO_DATA=off</code>, or by <code>npm run demo:generate</code>.
        </p>
      )}
      {overview.data?.available && (
        <div role="group" aria-label="Subset" className="flex flex-wrap gap-2">
          {overview.data.subsets.map((entry) => (
            <Button
              key={entry.subset}
              variant={entry.subset === subset ? "primary" : "secondary"}
              aria-pressed={entry.subset === subset}
              onClick={() => setChosen(entry.subset)}
            >
              {subsetNames[entry.subset]} <span className="opacity-75">({entry.samples})</span>
            </Button>
          ))}
        </div>
      )}
      <div className="space-y-4">
        {samples.data?.pages
          .flatMap((page) => page.samples)
          .map((sample) => (
            <DemoSampleCard key={`${sample.subset}-${sample.index}`} sample={sample} />
          ))}
      </div>
      {samples.hasNextPage && (
        <Button variant="secondary" onClick={() => void samples.fetchNextPage()} disabled={samples.isFetchingNextPage}>
          {samples.isFetchingNextPage ? "Loading…" : "Show more people"}
        </Button>
      )}
    </section>
  );
}
