"use client";

import { type DragEvent, useRef, useState } from "react";
import { ImageFileInput } from "@/components/images/ImageFileInput";
import { Thumbnail } from "@/components/images/Thumbnail";
import { UploadFailures } from "@/components/images/UploadFailures";
import { type UploadOutcome, useImageUpload } from "@/components/images/use-image-upload";
import type { ImageJson } from "@/lib/images/image-contract";
import { type Column, useAssess } from "./assess-store";
import { pickedImageName } from "./picked-image-name";

/** The official evaluation uses the first five references of each side. */
export const trainedReferences = 5;

const titles: Record<Column, string> = { preferred: "Liked", nonPreferred: "Disliked" };

/**
 * One side of the reference set: thumbnails in order with their file names,
 * reorderable and removable; a drop target for library tiles and for files,
 * and its own upload button. Files the server refuses are listed here with
 * its reason.
 */
export function PickedColumn({
  column,
  byId,
  isLookupDone,
}: {
  column: Column;
  byId: Map<string, ImageJson>;
  isLookupDone: boolean;
}) {
  const ids = useAssess((state) => state[column]);
  const addTo = useAssess((state) => state.addTo);
  const removeFrom = useAssess((state) => state.removeFrom);
  const move = useAssess((state) => state.move);
  const upload = useImageUpload();
  const fileInput = useRef<HTMLInputElement>(null);
  const [failures, setFailures] = useState<UploadOutcome["failures"]>([]);
  const [isUploading, setIsUploading] = useState(false);
  const headingId = `column-${column}`;

  async function uploadInto(files: File[]) {
    setIsUploading(true);
    const outcome = await upload(files);
    setIsUploading(false);
    setFailures(outcome.failures);
    if (outcome.ids.length > 0) addTo(column, outcome.ids);
  }

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    const id = event.dataTransfer.getData("application/x-studio-image");
    if (id) addTo(column, [id]);
    else if (event.dataTransfer.files.length > 0) void uploadInto(Array.from(event.dataTransfer.files));
  }

  return (
    <section
      aria-labelledby={headingId}
      aria-busy={isUploading || undefined}
      className={`rounded-xl border bg-white p-3 ${column === "preferred" ? "border-emerald-200" : "border-rose-200"}`}
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
      data-testid={`column-${column}`}
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          {titles[column]}{" "}
          <span className="text-sm font-normal text-slate-500">
            ({ids.length} of {trainedReferences})
          </span>
        </h2>
        <button
          type="button"
          className="text-sm font-medium text-brand-700 underline"
          onClick={() => fileInput.current?.click()}
        >
          {isUploading ? "Uploading…" : `Upload into ${titles[column]}`}
        </button>
        <ImageFileInput
          ref={fileInput}
          label={`Choose images to upload into ${titles[column]}`}
          onFiles={(files) => void uploadInto(files)}
        />
      </div>
      <UploadFailures failures={failures} onDismiss={() => setFailures([])} />
      {ids.length > trainedReferences && (
        <p className="mt-1 text-xs text-amber-700">
          The model was trained and evaluated with {trainedReferences} per side; only the first {trainedReferences} are
          sent.
        </p>
      )}
      {ids.length === 0 ? (
        <p className="mt-2 rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500">
          Drop images or files here, or use the buttons under your images.
        </p>
      ) : (
        <ol className="mt-2 flex flex-wrap gap-2" aria-label={`${titles[column]} references`}>
          {ids.map((id, index) => {
            const name = pickedImageName(byId, id, isLookupDone);
            return (
              <li key={id} className={`w-24 space-y-1 ${index >= trainedReferences ? "opacity-50" : ""}`}>
                <Thumbnail imageId={id} alt={name} className="h-24 w-24 rounded-md object-cover" />
                <p className="truncate text-xs text-slate-700" title={name}>
                  {name}
                </p>
                <div className="flex justify-between text-xs">
                  <button
                    type="button"
                    aria-label={`Move ${name} earlier`}
                    disabled={index === 0}
                    onClick={() => move(column, index, index - 1)}
                    className="rounded px-1 hover:bg-slate-100 disabled:opacity-30"
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove ${name} from ${titles[column]}`}
                    onClick={() => removeFrom(column, id)}
                    className="rounded px-1 text-rose-700 hover:bg-rose-50"
                  >
                    ✕
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${name} later`}
                    disabled={index === ids.length - 1}
                    onClick={() => move(column, index, index + 1)}
                    className="rounded px-1 hover:bg-slate-100 disabled:opacity-30"
                  >
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
