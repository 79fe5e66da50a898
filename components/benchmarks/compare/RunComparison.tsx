"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { EvaluationRunJson, FlipJson } from "@/lib/benchmarks/benchmark-contract";
import { runComparisonQueryOptions } from "../benchmark-queries";
import { BenchmarksSubpageHeading } from "../BenchmarksSubpageHeading";
import { formatPercent } from "../results-rows";
import { describeRuns } from "../run-model-label";
import { useRuns } from "../use-benchmarks";

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm focus:border-brand-600";
function RunSelect({
  id,
  label,
  value,
  runs,
  labels,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  runs: EvaluationRunJson[];
  labels: Map<string, string>;
  onChange(id: string): void;
}) {
  return (
    <div className="min-w-64 flex-1 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className={selectClass} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Choose a run…</option>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {labels.get(run.id)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Flips({ title, flips, runId, side }: { title: string; flips: FlipJson[]; runId: string; side: "a" | "b" }) {
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold">
        {title} ({flips.length})
      </h2>
      {flips.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        <ul className="flex max-h-72 flex-wrap gap-1.5 overflow-y-auto text-sm" aria-label={title}>
          {flips.map((flip) => {
            const resultId = side === "a" ? flip.aResultId : flip.bResultId;
            return (
              <li key={flip.sampleId}>
                <Link
                  className="inline-block rounded border border-slate-300 px-2 py-0.5 text-brand-800 hover:bg-slate-50"
                  href={`/benchmarks/results?runs=${runId}&result=${resultId}`}
                >
                  Sample {flip.sampleIndex}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const formatP = (p: number) => (p < 0.0001 ? p.toExponential(1) : p.toFixed(4));

const signed = (value: number) => `${value >= 0 ? "+" : "−"}${formatPercent(Math.abs(value))}`;

/** Two runs of one subset side by side: accuracies over the samples both have, the flips each way, and McNemar's test. */
export function RunComparison() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const a = searchParams.get("a") ?? "";
  const b = searchParams.get("b") ?? "";
  const runs = useRuns();
  const all = (runs.data?.runs ?? []).filter((run) => run.progress.done > 0);
  // Labelled over every run at once, so A and B are told apart in the table as in the pickers.
  const labels = describeRuns(all);
  const first = all.find((run) => run.id === a);
  // Only runs of the first run's subset can be compared with it.
  const partners = first ? all.filter((run) => run.subset.id === first.subset.id && run.id !== first.id) : [];
  const choose = (change: { a?: string; b?: string }) => {
    const params = new URLSearchParams({ a, b, ...change });
    if (change.a !== undefined && change.a !== a) params.delete("b");
    for (const key of ["a", "b"]) if (!params.get(key)) params.delete(key);
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  };
  const comparison = useQuery({ ...runComparisonQueryOptions(a, b), enabled: Boolean(a && b) });
  const data = comparison.data;

  return (
    <div className="space-y-4">
      <BenchmarksSubpageHeading title="Compare two runs">
        Two runs of the same subset, sample by sample: which answers flipped, and whether the difference in strict
        accuracy is more than chance (McNemar&apos;s exact test).
      </BenchmarksSubpageHeading>
      <ErrorMessage
        message={
          runs.error
            ? `Your runs could not be loaded: ${runs.error.message}`
            : comparison.error
              ? comparison.error.message
              : null
        }
      />
      <form
        className="flex flex-wrap gap-3 rounded-xl border border-slate-200 bg-white p-4"
        onSubmit={(event) => event.preventDefault()}
        aria-label="Runs to compare"
      >
        <RunSelect
          id="compare-a"
          label="Run A"
          value={a}
          runs={all}
          labels={labels}
          onChange={(id) => choose({ a: id })}
        />
        <RunSelect
          id="compare-b"
          label="Run B (same subset)"
          value={b}
          runs={partners}
          labels={labels}
          onChange={(id) => choose({ b: id })}
        />
      </form>
      {first && partners.length === 0 && (
        <p className="text-sm text-slate-600">No other run of {first.subset.name} has results yet.</p>
      )}
      {comparison.isFetching && !data && <p className="text-sm text-slate-500">Comparing…</p>}
      {data && (
        <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
          <table className="w-full max-w-2xl text-left text-sm">
            <caption className="pb-2 text-left text-sm text-slate-700">
              {data.subset.name}: {data.paired} samples with a result in both runs.
            </caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Which run</th>
                <th scope="col">Strict accuracy (95% CI)</th>
              </tr>
            </thead>
            <tbody>
              {(["a", "b"] as const).map((side) => (
                <tr key={side} className="border-t border-slate-100">
                  <th scope="row" className="py-1">
                    {side.toUpperCase()}
                  </th>
                  <td>{labels.get(data[side].id) ?? data[side].model}</td>
                  <td>
                    {formatPercent(data[side].accuracy.value)}% ({formatPercent(data[side].accuracy.low)}–
                    {formatPercent(data[side].accuracy.high)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl
            className="grid max-w-2xl grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4"
            aria-label="Agreement between the runs"
          >
            <dt className="text-slate-600">Both right</dt>
            <dd>{data.bothRight}</dd>
            <dt className="text-slate-600">Both wrong</dt>
            <dd>{data.bothWrong}</dd>
            <dt className="text-slate-600">B − A</dt>
            <dd data-testid="accuracy-difference">
              {data.difference === null
                ? "—"
                : `${data.difference >= 0 ? "+" : ""}${formatPercent(data.difference)} points`}
              {data.differenceInterval && (
                <span className="block text-xs text-slate-600" title={data.differenceInterval.method}>
                  {(data.differenceInterval.level * 100).toFixed(0)}% interval {signed(data.differenceInterval.low)} to{" "}
                  {signed(data.differenceInterval.high)} ({data.differenceInterval.method})
                </span>
              )}
            </dd>
            <dt className="text-slate-600">McNemar</dt>
            <dd data-testid="mcnemar">
              p = {formatP(data.mcnemar.pValue)}
              {data.mcnemar.chiSquare !== null && `, χ² = ${data.mcnemar.chiSquare.toFixed(2)}`}
            </dd>
          </dl>
          <p className="text-sm text-slate-700">
            {data.mcnemar.b + data.mcnemar.c === 0
              ? "No sample flipped: the runs agree on every paired sample."
              : data.mcnemar.pValue < 0.05
                ? `The difference is unlikely to be chance (p < 0.05): ${data.mcnemar.c} samples went wrong to right and ${data.mcnemar.b} right to wrong.`
                : `The difference could be chance (p ≥ 0.05): ${data.mcnemar.c} samples went wrong to right and ${data.mcnemar.b} right to wrong.`}
          </p>
          <div className="grid gap-4 md:grid-cols-2">
            <Flips title="Right in A, wrong in B" flips={data.rightToWrong} runId={data.b.id} side="b" />
            <Flips title="Wrong in A, right in B" flips={data.wrongToRight} runId={data.a.id} side="a" />
          </div>
        </div>
      )}
    </div>
  );
}
