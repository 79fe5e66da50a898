"use client";

import { type DragEvent, useRef, useState } from "react";
import { ImageFileInput } from "@/components/images/ImageFileInput";
import { Thumbnail } from "@/components/images/Thumbnail";
import { UploadFailures } from "@/components/images/UploadFailures";
import { type UploadOutcome, useImageUpload } from "@/components/images/use-image-upload";
import type { ImageJson } from "@/lib/images/image-contract";
import { type Slot, useAssess } from "./assess-store";
import { pickedImageName } from "./picked-image-name";

type SlotProps = { slot: Slot; byId: Map<string, ImageJson>; isLookupDone: boolean };

/** One candidate: a drop target for a library tile or a file, its own upload button, its name, and a way to clear it. */
function CandidateSlot({ slot, byId, isLookupDone }: SlotProps) {
  const id = useAssess((state) => state.candidates[slot]);
  const mode = useAssess((state) => state.mode);
  const setCandidate = useAssess((state) => state.setCandidate);
  const upload = useImageUpload();
  const fileInput = useRef<HTMLInputElement>(null);
  const [failures, setFailures] = useState<UploadOutcome["failures"]>([]);
  const [isUploading, setIsUploading] = useState(false);
  const label = mode === "single" ? "Candidate" : slot === 0 ? "Image A" : "Image B";
  const name = id ? pickedImageName(byId, id, isLookupDone) : null;

  async function uploadInto(files: File[]) {
    setIsUploading(true);
    // A slot holds one image: the first file dropped or chosen.
    const outcome = await upload(files.slice(0, 1));
    setIsUploading(false);
    setFailures(outcome.failures);
    if (outcome.ids[0]) setCandidate(slot, outcome.ids[0]);
  }

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    const dragged = event.dataTransfer.getData("application/x-studio-image");
    if (dragged) setCandidate(slot, dragged);
    else if (event.dataTransfer.files.length > 0) void uploadInto(Array.from(event.dataTransfer.files));
  }

  return (
    <figure
      className="w-36 space-y-1"
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
      aria-busy={isUploading || undefined}
      data-testid={`candidate-${slot === 0 ? "a" : "b"}`}
    >
      {id ? (
        <Thumbnail imageId={id} alt={`${label}: ${name}`} className="h-32 w-32 rounded-md object-cover" />
      ) : (
        <div className="flex h-32 w-32 items-center justify-center rounded-md border border-dashed border-slate-300 p-2 text-center text-xs text-slate-500">
          {isUploading ? "Uploading…" : `Drop an image or a file for ${label}`}
        </div>
      )}
      <figcaption className="space-y-0.5 text-sm">
        <span className="flex items-center justify-between">
          <span className="font-medium">{label}</span>
          {id && (
            <button
              type="button"
              aria-label={`Clear ${label}`}
              onClick={() => setCandidate(slot, null)}
              className="rounded px-1 text-rose-700 hover:bg-rose-50"
            >
              ✕
            </button>
          )}
        </span>
        {name && (
          <span className="block truncate text-xs text-slate-700" title={name}>
            {name}
          </span>
        )}
        <button
          type="button"
          className="text-xs font-medium text-brand-700 underline"
          onClick={() => fileInput.current?.click()}
        >
          Upload {label}
        </button>
        <ImageFileInput
          ref={fileInput}
          label={`Choose an image to upload as ${label}`}
          multiple={false}
          onFiles={(files) => void uploadInto(files)}
        />
      </figcaption>
      <UploadFailures failures={failures} onDismiss={() => setFailures([])} />
    </figure>
  );
}

/** Candidate A and B (only A in single mode), each a drop target with its own upload, and a swap. */
export function CandidateSlots({ byId, isLookupDone }: { byId: Map<string, ImageJson>; isLookupDone: boolean }) {
  const mode = useAssess((state) => state.mode);
  const swap = useAssess((state) => state.swapCandidates);
  const slots: Slot[] = mode === "single" ? [0] : [0, 1];
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
      <div className="mt-2 flex flex-wrap gap-3">
        {slots.map((slot) => (
          <CandidateSlot key={slot} slot={slot} byId={byId} isLookupDone={isLookupDone} />
        ))}
      </div>
    </section>
  );
}
