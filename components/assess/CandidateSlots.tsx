"use client";

import type { DragEvent } from "react";
import type { ImageJson } from "@/lib/images/image-api";
import { type Slot, useAssess } from "./assess-store";

/** Candidate A and B (only A in single mode): drop targets, each with a way to clear it, and a swap. */
export function CandidateSlots({ byId }: { byId: Map<string, ImageJson> }) {
  const candidates = useAssess((state) => state.candidates);
  const mode = useAssess((state) => state.mode);
  const setCandidate = useAssess((state) => state.setCandidate);
  const swap = useAssess((state) => state.swapCandidates);
  const slots: Slot[] = mode === "single" ? [0] : [0, 1];

  const drop = (slot: Slot) => (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    const id = event.dataTransfer.getData("application/x-studio-image");
    if (id) setCandidate(slot, id);
  };

  return (
    <section aria-labelledby="candidates-heading" className="rounded-xl border border-slate-200 bg-white p-3">
      <div className="flex items-baseline justify-between">
        <h2 id="candidates-heading" className="font-semibold">
          {mode === "single" ? "Candidate" : "Candidates"}
        </h2>
        {mode !== "single" && (
          <button type="button" onClick={swap} className="text-sm font-medium text-brand-700 underline">
            Swap A and B
          </button>
        )}
      </div>
      <div className="mt-2 flex gap-3">
        {slots.map((slot) => {
          const id = candidates[slot];
          const image = id ? byId.get(id) : undefined;
          const label = slot === 0 ? "Image A" : "Image B";
          return (
            <figure key={slot} className="space-y-1" onDragOver={(event) => event.preventDefault()} onDrop={drop(slot)} data-testid={`candidate-${slot === 0 ? "a" : "b"}`}>
              {id ? (
                // eslint-disable-next-line @next/next/no-img-element -- our own authenticated thumbnails
                <img src={image?.thumbnailUrl ?? `/api/images/${id}/thumb`} alt={`${label}: ${image?.name ?? "image"}`} className="h-32 w-32 rounded-md object-cover" />
              ) : (
                <div className="flex h-32 w-32 items-center justify-center rounded-md border border-dashed border-slate-300 text-center text-xs text-slate-500">Drop or pick {label}</div>
              )}
              <figcaption className="flex items-center justify-between text-sm">
                <span className="font-medium">{mode === "single" ? "Candidate" : label}</span>
                {id && (
                  <button type="button" aria-label={`Clear ${label}`} onClick={() => setCandidate(slot, null)} className="rounded px-1 text-rose-700 hover:bg-rose-50">
                    ✕
                  </button>
                )}
              </figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
