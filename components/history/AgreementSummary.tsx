"use client";

import Link from "next/link";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { AgreementJson } from "@/lib/assessments/judgment-contract";
import { describeModel } from "@/lib/assessments/provider-label";
import { AgreementChart, formatWeek } from "./AgreementChart";

type ModelAgreement = AgreementJson["models"][number];

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** The chart's meaning in one sentence, for those who cannot see it. */
function describeTrend(entry: ModelAgreement): string {
  const first = entry.weeks[0];
  const last = entry.weeks.at(-1);
  if (!first || !last) return "No weekly data.";
  const rate = (week: typeof first) => percent(week.agreed / week.judged);
  if (first === last) return `Weekly agreement: ${rate(first)} in the week of ${formatWeek(first.week)}.`;
  return `Weekly agreement over ${entry.weeks.length} weeks: ${rate(first)} in the week of ${formatWeek(first.week)}, ${rate(last)} in the week of ${formatWeek(last.week)}.`;
}

function ModelCard({ entry }: { entry: ModelAgreement }) {
  const name = describeModel(entry);
  return (
    <article
      aria-label={`Agreement with ${name}`}
      className="space-y-2 rounded-xl border border-slate-200 bg-white p-3"
      data-testid="agreement-card"
    >
      <h3 className="text-sm font-semibold text-slate-800">{name}</h3>
      <p className="flex items-baseline gap-2">
        <span className="text-3xl font-semibold" data-testid="agreement-rate">
          {percent(entry.rate)}
        </span>
        <span className="text-sm text-slate-600" data-testid="agreement-count">
          you agreed in {entry.agreed} of {entry.judged} judged
        </span>
      </p>
      <AgreementChart weeks={entry.weeks} label={describeTrend(entry)} />
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-brand-700 underline">Weekly numbers</summary>
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Agreement with {name} per week</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Week of
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Agreed
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Judged
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Rate
              </th>
            </tr>
          </thead>
          <tbody>
            {entry.weeks.map((week) => (
              <tr key={week.week} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">
                  <time dateTime={week.week}>{formatWeek(week.week)}</time>
                </th>
                <td className="py-1 text-right">{week.agreed}</td>
                <td className="py-1 text-right">{week.judged}</td>
                <td className="py-1 text-right">{percent(week.agreed / week.judged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

/** Per model: how often the person chose the model's answer, in all (with n) and week by week. */
export function AgreementSummary({
  data,
  error,
  isPending,
}: {
  data: AgreementJson | undefined;
  error: string | null;
  isPending: boolean;
}) {
  return (
    <section aria-labelledby="agreement-heading" className="space-y-3">
      <div>
        <h2 id="agreement-heading" className="text-lg font-semibold">
          How often you agree
        </h2>
        <p className="text-xs text-slate-600">
          Your choice of Image A or B against each model&apos;s answer. Ties and runs without an answer are not counted.
        </p>
      </div>
      <ErrorMessage message={error} />
      {isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {data && data.models.length === 0 && (
        <p className="rounded-xl border border-slate-200 bg-white p-3 text-sm text-slate-600">
          Nothing to compare yet. Once you judge a finished A/B assessment on the{" "}
          <Link href="/assess" className="font-medium text-brand-700 underline">
            assess page
          </Link>
          , your agreement with the model shows here.
        </p>
      )}
      {data?.models.map((entry) => (
        <ModelCard key={`${entry.provider}/${entry.model}`} entry={entry} />
      ))}
    </section>
  );
}
