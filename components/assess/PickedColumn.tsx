"use client";

import { type DragEvent, useRef } from "react";
import { ImageFileInput } from "@/components/images/ImageFileInput";
import { useImageUpload } from "@/components/images/use-image-upload";
import type { ImageJson } from "@/lib/images/image-api";
import { type Column, useAssess } from "./assess-store";

/** The official evaluation uses the first five references of each side. */
export const trainedReferences = 5;

const titles: Record<Column, string> = { preferred: "Liked", nonPreferred: "Disliked" };

/** One side of the reference set: thumbnails in order, reorderable and removable, a drop target, and its own upload button. */
export function PickedColumn({ column, byId }: { column: Column; byId: Map<string, ImageJson> }) {
  const ids = useAssess((state) => state[column]);
  const addTo = useAssess((state) => state.addTo);
  const removeFrom = useAssess((state) => state.removeFrom);
  const move = useAssess((state) => state.move);
  const upload = useImageUpload();
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = `column-${column}`;

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    const id = event.dataTransfer.getData("application/x-studio-image");
    if (id) addTo(column, [id]);
  }

  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-xl border bg-white p-3 ${column === "preferred" ? "border-emerald-200" : "border-rose-200"}`}
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
      data-testid={`column-${column}`}
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          {titles[column]} <span className="text-sm font-normal text-slate-500">({ids.length} of {trainedReferences})</span>
        </h2>
        <button type="button" className="text-sm font-medium text-brand-700 underline" onClick={() => fileInput.current?.click()}>
          Upload into {titles[column]}
        </button>
        <ImageFileInput ref={fileInput} label={`Choose images to upload into ${titles[column]}`} onFiles={async (files) => addTo(column, await upload(files))} />
      </div>
      {ids.length > trainedReferences && (
        <p className="mt-1 text-xs text-amber-700">
          The model was trained and evaluated with {trainedReferences} per side; only the first {trainedReferences} are sent.
        </p>
      )}
      {ids.length === 0 ? (
        <p className="mt-2 rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500">Drop images here, or use the buttons under your images.</p>
      ) : (
        <ol className="mt-2 flex flex-wrap gap-2" aria-label={`${titles[column]} references`}>
          {ids.map((id, index) => {
            const image = byId.get(id);
            return (
              <li key={id} className={`w-24 space-y-1 ${index >= trainedReferences ? "opacity-50" : ""}`}>
                {/* eslint-disable-next-line @next/next/no-img-element -- our own authenticated thumbnails */}
                <img src={image?.thumbnailUrl ?? `/api/images/${id}/thumb`} alt={image?.name ?? "image"} className="h-24 w-24 rounded-md object-cover" />
                <div className="flex justify-between text-xs">
                  <button type="button" aria-label={`Move ${image?.name ?? "image"} earlier`} disabled={index === 0} onClick={() => move(column, index, index - 1)} className="rounded px-1 hover:bg-slate-100 disabled:opacity-30">
                    ←
                  </button>
                  <button type="button" aria-label={`Remove ${image?.name ?? "image"} from ${titles[column]}`} onClick={() => removeFrom(column, id)} className="rounded px-1 text-rose-700 hover:bg-rose-50">
                    ✕
                  </button>
                  <button type="button" aria-label={`Move ${image?.name ?? "image"} later`} disabled={index === ids.length - 1} onClick={() => move(column, index, index + 1)} className="rounded px-1 hover:bg-slate-100 disabled:opacity-30">
                    →
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
