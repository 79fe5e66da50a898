import type { ItemView } from "@/lib/annotation/item-view-contract";

/** The automatic checks' findings on the output, or a line saying it passed them. */
export function PrecheckList({
  prechecks,
  answer,
  label,
  totals,
}: Pick<ItemView, "prechecks" | "answer" | "label" | "totals">) {
  return (
    <section aria-labelledby="prechecks-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="prechecks-heading" className="text-lg font-semibold">
        Answer and automatic checks
      </h2>
      <p className="text-sm">
        Totals: Image A <strong>{totals.A ?? "?"}</strong>, Image B <strong>{totals.B ?? "?"}</strong>. Answer:{" "}
        <strong>{answer ?? "none"}</strong>
        {label ? (
          <>
            {" "}
            · Known preference: <strong>{label}</strong>
          </>
        ) : null}
      </p>
      {prechecks.length === 0 ? (
        <p className="text-sm text-emerald-800">Format, scores, totals and answer pass every check.</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900">
          {prechecks.map((check, index) => (
            <li key={index}>
              <span className="font-mono text-xs">{check.code}</span>: {check.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
