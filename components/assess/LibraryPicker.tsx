"use client";

import Link from "next/link";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { ImageJson } from "@/lib/images/image-api";
import { useAssess } from "./assess-store";

const actionClass = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs font-medium hover:bg-slate-50";

/** The person's library as small tiles: drag one onto a column or candidate, or use its buttons (keyboard friendly). */
export function LibraryPicker({ images, isLoading, error }: { images: ImageJson[]; isLoading: boolean; error: string | null }) {
  const addTo = useAssess((state) => state.addTo);
  const setCandidate = useAssess((state) => state.setCandidate);
  const mode = useAssess((state) => state.mode);
  return (
    <section aria-labelledby="library-heading" className="rounded-xl border border-slate-200 bg-white p-3">
      <h2 id="library-heading" className="font-semibold">
        Your images
      </h2>
      <ErrorMessage message={error} />
      {!isLoading && images.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">
          No images yet. Upload straight into a column, add them in <Link href="/images" className="text-brand-700 underline">Images</Link>, or{" "}
          <Link href="/images/demo" className="text-brand-700 underline">take a demo set</Link>.
        </p>
      )}
      <ul className="mt-2 grid max-h-[32rem] grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-2 overflow-y-auto pr-1" aria-label="Images to pick from">
        {images.map((image) => (
          <li
            key={image.id}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData("application/x-studio-image", image.id);
              event.dataTransfer.effectAllowed = "copy";
            }}
            className="space-y-1"
          >
            {/* eslint-disable-next-line @next/next/no-img-element -- our own authenticated thumbnails */}
            <img src={image.thumbnailUrl} alt={image.name} loading="lazy" className="h-28 w-full rounded-md object-cover" />
            <div className="flex flex-wrap gap-1" role="group" aria-label={`Use ${image.name}`}>
              <button type="button" className={actionClass} onClick={() => addTo("preferred", [image.id])} aria-label={`Add ${image.name} to Liked`}>
                Liked
              </button>
              <button type="button" className={actionClass} onClick={() => addTo("nonPreferred", [image.id])} aria-label={`Add ${image.name} to Disliked`}>
                Disliked
              </button>
              <button type="button" className={actionClass} onClick={() => setCandidate(0, image.id)} aria-label={`Use ${image.name} as Image A`}>
                A
              </button>
              {mode !== "single" && (
                <button type="button" className={actionClass} onClick={() => setCandidate(1, image.id)} aria-label={`Use ${image.name} as Image B`}>
                  B
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
