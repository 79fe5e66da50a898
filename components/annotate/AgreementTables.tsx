import type { QueueDetail } from "@/lib/annotation/item-view-contract";

type Figure = { value: number | null; n: number } | null;

const show = (figure: Figure) =>
  figure === null
    ? "needs the same two annotators"
    : figure.value === null
      ? `not defined (n = ${figure.n})`
      : `${figure.value.toFixed(3)} (n = ${figure.n})`;

/** A queue's agreement: on the verdict and each attribute's scores, and per annotator. */
export function AgreementTables({ agreement }: { agreement: QueueDetail["agreement"] }) {
  return (
    <div className="space-y-4">
      <table className="w-full text-left text-sm">
        <caption className="text-left text-sm font-semibold">Agreement between annotators</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1">
              On
            </th>
            <th scope="col" className="px-2 py-1">
              Cohen&apos;s kappa
            </th>
            <th scope="col" className="px-2 py-1">
              Krippendorff&apos;s alpha
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-slate-100">
            <th scope="row" className="px-2 py-1 font-medium">
              Verdict
            </th>
            <td className="px-2 py-1">{show(agreement.verdict.kappa)}</td>
            <td className="px-2 py-1">{show(agreement.verdict.alpha)}</td>
          </tr>
          {agreement.attributes.map((row) => (
            <tr key={row.attribute} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1 font-medium">
                {row.attribute} score
              </th>
              <td className="px-2 py-1">{show(row.kappa)}</td>
              <td className="px-2 py-1">{show(row.alpha)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="w-full text-left text-sm">
        <caption className="text-left text-sm font-semibold">Annotators</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {["Annotator", "Annotations", "Median seconds per item", "Per hour", "Agrees with consensus"].map(
              (heading) => (
                <th key={heading} scope="col" className="px-2 py-1">
                  {heading}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {agreement.annotators.map((person) => (
            <tr key={person.annotatorId} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1 font-medium">
                {person.email}
              </th>
              <td className="px-2 py-1">{person.annotations}</td>
              <td className="px-2 py-1">{person.medianSeconds ?? "–"}</td>
              <td className="px-2 py-1">{person.perHour === null ? "–" : person.perHour.toFixed(0)}</td>
              <td className="px-2 py-1">
                {person.consensus.value === null
                  ? `– (n = 0)`
                  : `${(person.consensus.value * 100).toFixed(0)}% (n = ${person.consensus.n})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
