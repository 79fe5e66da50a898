"use client";

import type { AnnotationBody } from "@/lib/annotation/annotation-contract";
import type { ReviewItem } from "@/lib/annotation/item-view-contract";
import { attributes } from "@/lib/preferthinker/attributes";
import { Button } from "@/components/ui/Button";
import { ItemPictures } from "./ItemPictures";
import { PrecheckList } from "./PrecheckList";

const verdictNames = { gold: "Accept as gold", corrected: "Accept with corrections", rejected: "Reject" } as const;

/** What one annotation changed, in short lines. */
function describeChanges(body: AnnotationBody, item: ReviewItem["item"]): string[] {
  const lines: string[] = [];
  for (const side of ["preference", "nonPreference"] as const) {
    body.profile[side].forEach((entry, index) => {
      if (entry.judgment !== "right")
        lines.push(
          `${side === "preference" ? "Preference" : "Non-preference"} ${attributes[index]!.key}: ${entry.judgment === "wrong" ? "wrong" : "can't tell"}${entry.correction ? ` → “${entry.correction}”` : ""}`,
        );
    });
  }
  for (const image of ["A", "B"] as const) {
    body.scores[image].forEach((entry, index) => {
      const heading = `Image ${image} ${attributes[index]!.heading}`;
      if (entry.corrected !== null)
        lines.push(`${heading}: ${item.scores[image][index]?.score ?? "?"} → ${entry.corrected}`);
      if (entry.flags.length) lines.push(`${heading} rationale: ${entry.flags.join(", ")}`);
      if (entry.rationale) lines.push(`${heading} rationale rewritten: “${entry.rationale}”`);
    });
  }
  return lines;
}

/** A disputed item: its pictures and checks, each annotation side by side, and buttons to settle it. */
export function ReviewItemCard({
  review,
  onResolve,
  isResolving,
}: {
  review: ReviewItem;
  onResolve: (resolution: AnnotationBody) => void;
  isResolving: boolean;
}) {
  return (
    <article
      aria-label={`Disputed item ${review.item.position + 1}`}
      className="space-y-3 rounded-xl border border-amber-200 bg-white p-4"
    >
      <h3 className="font-semibold">Item {review.item.position + 1}</h3>
      <ItemPictures images={review.item.images} />
      <PrecheckList
        prechecks={review.item.prechecks}
        answer={review.item.answer}
        label={review.item.label}
        totals={review.item.totals}
      />
      <div className="grid gap-3 md:grid-cols-2">
        {review.annotations.map((annotation) => (
          <section
            key={annotation.id}
            aria-label={`Annotation by ${annotation.annotatorEmail}`}
            className="space-y-2 rounded-lg border border-slate-200 p-3"
          >
            <p className="text-sm">
              <strong>{annotation.annotatorEmail}</strong>: {verdictNames[annotation.verdict]}
            </p>
            <ul className="list-disc pl-5 text-xs text-slate-700">
              {describeChanges(annotation.body, review.item).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {annotation.body.comment ? (
              <p className="text-xs italic text-slate-600">“{annotation.body.comment}”</p>
            ) : null}
            <Button type="button" variant="secondary" disabled={isResolving} onClick={() => onResolve(annotation.body)}>
              Settle as {annotation.annotatorEmail}&apos;s
            </Button>
          </section>
        ))}
      </div>
    </article>
  );
}
