import type { TasteReference } from "@/lib/taste/taste-contract";
import { TastePicture } from "./TastePicture";

export type ReferenceSide = "liked" | "disliked";

/** The id of a slot's Replace button, for focus to come back to once the chooser closes. */
export const replaceButtonId = (side: ReferenceSide, slot: number) => `taste-replace-${side}-${slot}`;

/**
 * One side of the result: each picture with its reason, and (before the set
 * is saved) a Replace button that opens the chooser of other judged pictures.
 */
export function TasteReferenceList({
  side,
  title,
  references,
  replaced,
  onReplace,
}: {
  side: ReferenceSide;
  title: string;
  references: TasteReference[];
  /** Slots the person filled by hand. */
  replaced: ReadonlySet<number>;
  /** Absent once the set is saved: nothing can be replaced then. */
  onReplace?: (slot: number) => void;
}) {
  const id = `${side}-heading`;
  return (
    <section aria-labelledby={id} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      <ol className="space-y-2">
        {references.map((reference, slot) => (
          // Keyed by slot: a replaced picture keeps its place and its button, so focus can return to it.
          <li key={slot} className="flex items-center gap-3">
            <TastePicture imageId={reference.imageId} alt={`${title} ${slot + 1}`} size="small" />
            <span className="flex-1 text-sm text-slate-700">
              {reference.reason}
              {replaced.has(slot) && <span className="ml-1 font-medium text-brand-700">(chosen by you)</span>}
            </span>
            {onReplace && (
              <button
                id={replaceButtonId(side, slot)}
                type="button"
                onClick={() => onReplace(slot)}
                aria-label={`Replace ${title.toLowerCase()} picture ${slot + 1}`}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
              >
                Replace
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
