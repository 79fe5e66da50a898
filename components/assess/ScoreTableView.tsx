import type { ReactNode } from "react";
import { attributes } from "@/lib/preferthinker/attributes";
import type { ScoreCell } from "@/lib/assessments/live-assessment";

type Image = "A" | "B";

function ScoreBar({ cell, label }: { cell: ScoreCell | undefined; label: string }) {
  if (!cell) return <span className="text-slate-400">…</span>;
  const value = cell.score;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <div
          className="h-2 w-24 overflow-hidden rounded-full bg-slate-200"
          role="meter"
          aria-label={`${label} score`}
          aria-valuemin={0}
          aria-valuemax={5}
          aria-valuenow={value ?? undefined}
          aria-valuetext={value === null ? `unreadable: ${cell.rawScore}` : `${value} of 5`}
        >
          <div
            className={`h-full ${value !== null && value >= 3 ? "bg-emerald-500" : "bg-rose-400"}`}
            style={{ width: `${((value ?? 0) / 5) * 100}%` }}
          />
        </div>
        <span
          className={`font-mono text-sm font-semibold ${value === null || value < 0 || value > 5 ? "text-red-700" : ""}`}
        >
          {value ?? cell.rawScore}
        </span>
      </div>
      <p className="text-xs leading-snug text-slate-600">{cell.rationale}</p>
    </div>
  );
}

/**
 * The five attributes, each with the candidates' scores as bars and their
 * rationales. `renderExtra` adds something under each cell (the annotation
 * page's correction of it).
 */
export function ScoreTableView({
  scores,
  isSingle,
  renderExtra,
}: {
  scores: Record<Image, Partial<Record<string, ScoreCell>>>;
  isSingle: boolean;
  renderExtra?: (image: Image, attributeIndex: number) => ReactNode;
}) {
  const images: readonly Image[] = isSingle ? ["A"] : ["A", "B"];
  return (
    <section aria-labelledby="scores-heading" className="space-y-2">
      <h2 id="scores-heading" className="text-lg font-semibold">
        Scores
      </h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                Attribute
              </th>
              {images.map((image) => (
                <th key={image} scope="col" className="px-3 py-2">
                  {isSingle ? "Candidate" : `Image ${image}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {attributes.map((attribute, index) => (
              <tr key={attribute.key} className="border-t border-slate-100 align-top" data-testid="score-row">
                <th scope="row" className="px-3 py-2 font-medium">
                  {attribute.heading}
                </th>
                {images.map((image) => (
                  <td key={image} className="px-3 py-2">
                    <ScoreBar
                      cell={scores[image][attribute.key]}
                      label={`${isSingle ? "Candidate" : `Image ${image}`} ${attribute.heading}`}
                    />
                    {renderExtra?.(image, index)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
