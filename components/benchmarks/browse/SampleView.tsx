"use client";

import { Thumbnail } from "@/components/images/Thumbnail";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { ResultDetailJson } from "@/lib/benchmarks/benchmark-contract";
import { answerLetter, labelLetter } from "@/lib/benchmarks/result-filters";
import { attributes } from "@/lib/preferthinker/attributes";
import { issueExplanations, issueTitles } from "@/lib/preferthinker/issue-explanations";
import type { IssueCode } from "@/lib/preferthinker/types";
import { HighlightedOutput } from "./HighlightedOutput";
import { ProfileComparison } from "./ProfileComparison";
import { useResultDetail } from "./use-browsed-results";

function Thumbnails({ title, ids }: { title: string; ids: string[] }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs font-medium text-slate-700">{title}</figcaption>
      <ul className="flex flex-wrap gap-1.5">
        {ids.map((id, index) => (
          <li key={`${id}-${index}`}>
            <Thumbnail imageId={id} alt={`${title} ${index + 1}`} className="h-16 w-16 rounded object-cover" />
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Candidate({ letter, id, detail }: { letter: "A" | "B"; id: string; detail: ResultDetailJson }) {
  const isPreferred = labelLetter(detail.sample.label) === letter;
  const isChosen = answerLetter(detail.result.answer) === letter;
  return (
    <figure
      className={`space-y-1 rounded-lg p-2 ${isPreferred ? "bg-emerald-50 ring-1 ring-emerald-300" : "bg-slate-50"}`}
    >
      <Thumbnail imageId={id} alt={`Image ${letter}`} className="h-32 w-32 rounded object-cover" />
      <figcaption className="text-xs">
        <span className="font-semibold">Image {letter}</span>
        {isPreferred && <span className="text-emerald-800"> · the person&apos;s choice</span>}
        {isChosen && <span className="text-slate-700"> · the model&apos;s answer</span>}
      </figcaption>
    </figure>
  );
}

function ScoresTable({ detail }: { detail: ResultDetailJson }) {
  const { scores, statedTotals, computedTotals } = detail.result;
  if (scores.A.every((score) => score === null) && scores.B.every((score) => score === null)) return null;
  const total = (letter: "A" | "B") => {
    const stated = statedTotals[letter];
    const computed = computedTotals[letter];
    return stated !== null && computed !== null && stated !== computed
      ? `${stated} (scores add to ${computed})`
      : String(stated ?? computed ?? "—");
  };
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Scores as read from the output</caption>
      <thead className="text-xs text-slate-600">
        <tr>
          <th scope="col" className="py-1">
            Attribute
          </th>
          <th scope="col">Image A</th>
          <th scope="col">Image B</th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((attribute, index) => (
          <tr key={attribute.key} className="border-t border-slate-100">
            <th scope="row" className="py-1 font-normal">
              {attribute.heading}
            </th>
            <td>{scores.A[index] ?? "—"}</td>
            <td>{scores.B[index] ?? "—"}</td>
          </tr>
        ))}
        <tr className="border-t border-slate-300 font-medium">
          <th scope="row" className="py-1">
            Total
          </th>
          <td>{total("A")}</td>
          <td>{total("B")}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {children}
    </section>
  );
}

type Swapped = NonNullable<ResultDetailJson["result"]["swapped"]>;

/** A swap run's second answer, said in the first order's terms: did the model name the same picture? */
function SwappedVerdict({ swapped }: { swapped: Swapped }) {
  const said = swapped.answer === null ? "nothing readable" : `“${swapped.answer}”`;
  const meaning =
    swapped.consistent === null
      ? "so the two orders cannot be compared"
      : swapped.consistent
        ? "the same picture as in the first order"
        : "the same position as in the first order: the answer followed the position, not the picture";
  return (
    <p className="text-sm text-slate-700" data-testid="swap-verdict">
      With image A and image B exchanged, the model answered <span className="font-semibold">{said}</span>
      {swapped.cached && <span className="text-slate-500"> (reused)</span>}: {meaning}.
    </p>
  );
}

/** One result in full: the pictures the model saw, the person's label and the model's answer, the reading of its output with every issue explained, and its profile beside the true one. */
export function SampleView({ resultId, subset }: { resultId: string; subset: string | undefined }) {
  const { data: detail, error, isPending } = useResultDetail(resultId);
  if (error) return <ErrorMessage message={`This result could not be loaded: ${error.message}`} />;
  if (isPending || !detail) return <p className="text-sm text-slate-500">Loading the sample…</p>;
  const { result, sample } = detail;
  const verdicts = [
    { name: "Strict", value: result.strictCorrect },
    { name: "Lenient", value: result.lenientCorrect },
    { name: "Format valid", value: result.formatValid },
    ...(result.officialCorrect === null ? [] : [{ name: "Official file", value: result.officialCorrect }]),
  ];
  return (
    <article aria-labelledby="sample-heading" className="space-y-4">
      <header className="space-y-1">
        <h2 id="sample-heading" className="text-lg font-semibold">
          Sample {sample.index}
          {subset && <span className="font-normal text-slate-600"> of {subset}</span>}
        </h2>
        <p className="text-sm text-slate-700">
          The person preferred <span className="font-semibold">{sample.label}</span>; the model answered{" "}
          <span className="font-semibold">{result.answer === null ? "nothing readable" : `“${result.answer}”`}</span>
          {result.milliseconds !== null && (
            <span className="text-slate-500"> in {(result.milliseconds / 1000).toFixed(1)} s</span>
          )}
          {result.cached && <span className="text-slate-500"> (a kept output, reused)</span>}.
        </p>
        {result.swapped && <SwappedVerdict swapped={result.swapped} />}
        <ul className="flex flex-wrap gap-2 text-xs" aria-label="Verdicts">
          {verdicts.map((verdict) => (
            <li
              key={verdict.name}
              className={`rounded px-2 py-0.5 ${verdict.value ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"}`}
            >
              {verdict.name}: {verdict.value ? "yes" : "no"}
            </li>
          ))}
        </ul>
      </header>
      <div className="flex flex-wrap gap-4">
        <Thumbnails title="Liked reference" ids={sample.preferredImageIds} />
        <Thumbnails title="Disliked reference" ids={sample.nonPreferredImageIds} />
      </div>
      <div className="flex flex-wrap gap-3">
        <Candidate letter="A" id={sample.imageAId} detail={detail} />
        <Candidate letter="B" id={sample.imageBId} detail={detail} />
      </div>
      <Section title={result.issues.length === 0 ? "Issues: none" : `Issues (${result.issues.length})`}>
        {result.issues.length > 0 && (
          <ul className="space-y-1.5 text-sm">
            {result.issues.map((issue, index) => (
              <li key={index} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2">
                <p className="font-medium text-amber-950">
                  {issueTitles[issue.code as IssueCode] ?? issue.code}: {issue.message}
                </p>
                <p className="text-xs text-amber-900">{issueExplanations[issue.code as IssueCode]}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Scores">
        <ScoresTable detail={detail} />
      </Section>
      <Section title="Profile against the true profile">
        <ProfileComparison detail={detail} />
      </Section>
      <Section title="Output">
        <HighlightedOutput output={result.output} />
      </Section>
      {result.swapped && (
        <Section title="Output with A and B exchanged">
          <HighlightedOutput output={result.swapped.output} />
        </Section>
      )}
    </article>
  );
}
