"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRef, useState } from "react";
import { LibraryFilterBar } from "@/components/images/LibraryFilterBar";
import { Thumbnail } from "@/components/images/Thumbnail";
import {
  emptyLibraryFilter,
  isFilterEmpty,
  type LibraryFilterState,
  toLibraryQuery,
} from "@/components/images/library-filter";
import { useGridColumns } from "@/components/images/use-grid-columns";
import { useLibrary } from "@/components/images/use-library";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { ImageJson } from "@/lib/images/image-contract";
import { useAssess } from "./assess-store";
import { useLoadMoreAtEnd } from "@/components/images/use-load-more-at-end";

const actionClass = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs font-medium hover:bg-slate-50";
const tileWidth = 116;
const rowHeight = 176;
const gap = 8;

function PickerTile({ image }: { image: ImageJson }) {
  const addTo = useAssess((state) => state.addTo);
  const setCandidate = useAssess((state) => state.setCandidate);
  const mode = useAssess((state) => state.mode);
  return (
    <div
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData("application/x-studio-image", image.id);
        event.dataTransfer.effectAllowed = "copy";
      }}
      className="space-y-1"
    >
      <div className="relative">
        <Thumbnail imageId={image.id} alt={image.name} className="h-28 w-full rounded-md bg-slate-100 object-cover" />
        {image.source === "demo" && (
          <span className="absolute left-1 top-1 rounded bg-white/90 px-1 text-[10px] font-medium text-slate-700">
            demo
          </span>
        )}
      </div>
      <p className="truncate text-xs text-slate-700" title={image.name}>
        {image.name}
      </p>
      <div className="flex flex-wrap gap-1" role="group" aria-label={`Use ${image.name}`}>
        <button
          type="button"
          className={actionClass}
          onClick={() => addTo("preferred", [image.id])}
          aria-label={`Add ${image.name} to Liked`}
        >
          Liked
        </button>
        <button
          type="button"
          className={actionClass}
          onClick={() => addTo("nonPreferred", [image.id])}
          aria-label={`Add ${image.name} to Disliked`}
        >
          Disliked
        </button>
        <button
          type="button"
          className={actionClass}
          onClick={() => setCandidate(0, image.id)}
          aria-label={`Use ${image.name} as Image A`}
        >
          A
        </button>
        {mode !== "single" && (
          <button
            type="button"
            className={actionClass}
            onClick={() => setCandidate(1, image.id)}
            aria-label={`Use ${image.name} as Image B`}
          >
            B
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The whole library to pick from, the person's own uploads first: found by
 * name, source or day, and virtualised, so only the rows in view are in the
 * page however large the library. Drag a tile onto a column or candidate,
 * or use its buttons (keyboard friendly).
 */
export function LibraryPicker() {
  const [filter, setFilter] = useState<LibraryFilterState>(emptyLibraryFilter);
  const { query, images, total, libraryTotal } = useLibrary(toLibraryQuery(filter));
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = useGridColumns(scrollRef, tileWidth, gap, 480);
  const rowCount = Math.ceil(images.length / columns);
  // eslint-disable-next-line react-hooks/incompatible-library -- the React Compiler is off; the virtualiser re-renders this component on scroll itself
  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight + gap,
    overscan: 2,
  });
  const virtualRows = rows.getVirtualItems();

  useLoadMoreAtEnd(virtualRows.at(-1)?.index ?? 0, rowCount, query);

  const isFiltered = !isFilterEmpty(filter);
  return (
    <section aria-labelledby="library-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="library-heading" className="font-semibold">
          Your images
        </h2>
        <p className="text-xs text-slate-600" aria-live="polite">
          {query.isSuccess &&
            (isFiltered
              ? `${total.toLocaleString()} of ${libraryTotal.toLocaleString()} match`
              : `${libraryTotal.toLocaleString()} ${libraryTotal === 1 ? "image" : "images"}, your uploads first`)}
        </p>
      </div>
      <LibraryFilterBar idPrefix="picker" value={filter} onChange={setFilter} />
      <ErrorMessage message={query.error?.message ?? null} />
      {query.isSuccess && libraryTotal === 0 && (
        <p className="text-sm text-slate-600">
          No images yet. Upload straight into a column or a candidate, add them in{" "}
          <Link href="/images" className="text-brand-700 underline">
            Images
          </Link>
          , or{" "}
          <Link href="/images/demo" className="text-brand-700 underline">
            take a demo set
          </Link>
          .
        </p>
      )}
      {query.isSuccess && libraryTotal > 0 && total === 0 && (
        <p className="text-sm text-slate-600">No image matches these filters.</p>
      )}
      <div ref={scrollRef} className="h-[32rem] overflow-y-auto pr-1" data-testid="picker-scroller">
        <ul aria-label="Images to pick from" style={{ height: rows.getTotalSize(), position: "relative" }}>
          {virtualRows.flatMap((row) =>
            images.slice(row.index * columns, row.index * columns + columns).map((image, column) => (
              <li
                key={image.id}
                style={{
                  position: "absolute",
                  top: row.start,
                  left: `calc(${column} * (100% - ${(columns - 1) * gap}px) / ${columns} + ${column * gap}px)`,
                  width: `calc((100% - ${(columns - 1) * gap}px) / ${columns})`,
                  height: rowHeight,
                }}
              >
                <PickerTile image={image} />
              </li>
            )),
          )}
        </ul>
      </div>
    </section>
  );
}
