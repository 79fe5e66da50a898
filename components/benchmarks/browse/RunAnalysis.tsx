"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { EvaluationRunJson, RunAnalysisJson } from "@/lib/benchmarks/benchmark-contract";
import { runAnalysisQueryOptions } from "../benchmark-queries";
import { formatPercent } from "../results-rows";
import { describeRunModel } from "../run-model-label";

const percent = (value: number | null) => (value === null ? "—" : `${formatPercent(value)}%`);

type Interval = RunAnalysisJson["accuracy"]["wilson"];

function IntervalLine({ title, interval }: { title: string; interval: Interval }) {
  return (
    <li>
      {title}: <span className="font-semibold">{percent(interval.value)}</span>, 95% interval {percent(interval.low)}–
      {percent(interval.high)} <span className="text-slate-500">({interval.method})</span>
    </li>
  );
}

/** Which attribute decided the wrong answers, as a table with a bar per row, and the profile's agreement beside it. */
function AttributeTable({ errors }: { errors: RunAnalysisJson["errors"] }) {
  const largest = Math.max(1, ...errors.deciding.map((row) => row.count));
  const agreement = new Map(errors.profileAgreement?.map((row) => [row.attribute, row]) ?? []);
  return (
    <table className="min-w-full text-sm">
      <caption className="pb-1 text-left text-xs text-slate-600">
        Wrong answers by the attribute that decided them ({errors.method}); profile agreement is{" "}
        {errors.profileAgreementMethod}.
      </caption>
      <thead className="text-left text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-3">
            Attribute
          </th>
          <th scope="col" className="py-1 pr-3">
            Wrong answers it decided
          </th>
          {errors.profileAgreement && (
            <>
              <th scope="col" className="py-1 pr-3">
                Liked profile agreement
              </th>
              <th scope="col" className="py-1 pr-3">
                Disliked profile agreement
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {errors.deciding.map((row) => (
          <tr key={row.attribute}>
            <th scope="row" className="py-1 pr-3 text-left font-medium">
              {row.attribute}
            </th>
            <td className="py-1 pr-3">
              <div className="flex items-center gap-2">
                <span
                  className="inline-block h-2.5 rounded bg-red-400"
                  style={{ width: `${(8 * row.count) / largest}rem` }}
                  aria-hidden
                />
                <span>
                  {row.count}
                  {errors.wrong > 0 && (
                    <span className="text-slate-500"> ({((100 * row.count) / errors.wrong).toFixed(0)}%)</span>
                  )}
                </span>
              </div>
            </td>
            {errors.profileAgreement && (
              <>
                <td className="py-1 pr-3">{percent(agreement.get(row.attribute)?.preference.mean ?? null)}</td>
                <td className="py-1 pr-3">{percent(agreement.get(row.attribute)?.nonPreference.mean ?? null)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AnalysisBody({ runId }: { runId: string }) {
  const { data, error, isPending } = useQuery(runAnalysisQueryOptions(runId));
  if (error) return <ErrorMessage message={`The analysis could not be made: ${error.message}`} />;
  if (isPending) return <p className="text-sm text-slate-500">Reading every result of the run…</p>;
  const { accuracy, errors } = data;
  return (
    <div className="space-y-3">
      <ul className="space-y-0.5 text-sm text-slate-700">
        <IntervalLine title="Strict accuracy" interval={accuracy.wilson} />
        {accuracy.byPerson && (
          <IntervalLine
            title={`Clustered by person (${accuracy.byPerson.clusters} people)`}
            interval={accuracy.byPerson}
          />
        )}
      </ul>
      <p className="text-sm text-slate-700">
        {errors.wrong} of {errors.results} answers wrong
        {errors.withoutScores > 0 &&
          `; ${errors.withoutScores} without scores to read (fast mode, cut short or unreadable)`}
        {errors.noAttributeFavoured > 0 &&
          `; ${errors.noAttributeFavoured} where no attribute's scores favoured the chosen picture (the answer contradicts the scores)`}
        .
      </p>
      {errors.wrong > 0 && <AttributeTable errors={errors} />}
    </div>
  );
}

/** A chosen run's analysis, made when the researcher opens it: accuracy intervals by each method, and the per-attribute error analysis. */
export function RunAnalysis({ run }: { run: EvaluationRunJson }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <details
      className="rounded-lg border border-slate-200 bg-white p-3"
      onToggle={(event) => setIsOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer text-sm font-semibold">
        Error analysis: {describeRunModel(run)} on {run.subset.name}
      </summary>
      <div className="mt-2">{isOpen && <AnalysisBody runId={run.id} />}</div>
    </details>
  );
}
