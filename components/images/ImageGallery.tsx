"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { type DragEvent, type MouseEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { emptyLibraryFilter, isFilterEmpty, type LibraryFilterState, toLibraryQuery } from "./library-filter";
import { ImageFileInput } from "./ImageFileInput";
import { ImageTile } from "./ImageTile";
import { LibraryFilterBar } from "./LibraryFilterBar";
import { SelectionActions } from "./SelectionActions";
import { useSelectionStore } from "./selection-store";
import { UploadList } from "./UploadList";
import { useGridColumns } from "./use-grid-columns";
import { useImageUpload } from "./use-image-upload";
import { useLibrary } from "./use-library";
import { useLoadMoreAtEnd } from "./use-load-more-at-end";

const tileSize = 152;
const gap = 8;

/**
 * The image library: a virtualised thumbnail grid (only the visible rows are
 * in the page, so thousands of images scroll smoothly), the person's own
 * uploads first; filters by name, source and day; multi-select with click and
 * shift-click, and the selection sent to Assess or removed; uploads by
 * drag-and-drop, file picker or paste.
 */
export function ImageGallery() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [isDragging, setIsDragging] = useState(false);
  const [filter, setFilter] = useState<LibraryFilterState>(emptyLibraryFilter);
  const upload = useImageUpload();
  const { selected, anchor, toggle, selectRange, clear } = useSelectionStore();
  const { query, images: all, total, libraryTotal } = useLibrary(toLibraryQuery(filter));
  const columns = useGridColumns(scrollRef, tileSize, gap);
  const rowCount = Math.ceil(all.length / columns);

  // eslint-disable-next-line react-hooks/incompatible-library -- the React Compiler is off; the virtualiser re-renders this component on scroll itself
  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => tileSize + gap,
    overscan: 4,
  });
  const virtualRows = rows.getVirtualItems();

  useLoadMoreAtEnd(virtualRows.at(-1)?.index ?? 0, rowCount, query);

  // Images pasted anywhere on the page are uploaded.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith("image/"));
      if (files.length > 0) void upload(files);
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [upload]);

  function select(event: MouseEvent<HTMLButtonElement>, index: number, id: string) {
    const from = anchor ? all.findIndex((image) => image.id === anchor) : -1;
    if (event.shiftKey && from >= 0)
      selectRange(all.slice(Math.min(from, index), Math.max(from, index) + 1).map((image) => image.id));
    else toggle(id);
  }

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setIsDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) void upload(files);
  }

  const isFiltered = !isFilterEmpty(filter);
  return (
    <section
      aria-labelledby="gallery-heading"
      className={`space-y-4 rounded-xl border-2 border-dashed p-4 ${isDragging ? "border-brand-600 bg-brand-50" : "border-transparent"}`}
      onDragOver={(event) => {
        event.preventDefault();
        setIsDragging(true);
      }}
      onDragLeave={() => setIsDragging(false)}
      onDrop={drop}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="gallery-heading" className="text-2xl font-semibold tracking-tight">
            Your images
          </h1>
          <p className="text-sm text-slate-600" aria-live="polite">
            {isFiltered
              ? `${total.toLocaleString()} of ${libraryTotal.toLocaleString()} match`
              : `${libraryTotal.toLocaleString()} ${libraryTotal === 1 ? "image" : "images"}, your uploads first`}
            {selected.size > 0 && ` · ${selected.size} selected`}
          </p>
          <p className="text-xs text-slate-500">
            Drop files anywhere on this panel, paste from the clipboard, or choose files to upload. No pictures at hand?{" "}
            <Link href="/images/demo" className="font-medium text-brand-700 underline">
              Take a demo set
            </Link>
            .
          </p>
        </div>
        <div className="flex gap-2">
          <Button onClick={() => fileInput.current?.click()}>Upload images</Button>
          <ImageFileInput ref={fileInput} label="Choose images to upload" onFiles={(files) => void upload(files)} />
        </div>
      </div>
      <LibraryFilterBar idPrefix="gallery" value={filter} onChange={setFilter} />
      <SelectionActions selectedIds={[...selected]} onClear={clear} />
      <UploadList />
      {query.error && <ErrorMessage message={query.error.message} />}
      {query.isSuccess && libraryTotal === 0 && (
        <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-sm text-slate-600">
          No images yet. JPEG, PNG, WebP, AVIF and GIF files are accepted, up to 25 MB each.
        </p>
      )}
      {query.isSuccess && libraryTotal > 0 && total === 0 && (
        <p className="rounded-lg border border-slate-200 bg-white p-8 text-center text-sm text-slate-600">
          No image matches these filters.
        </p>
      )}
      <div ref={scrollRef} className="h-[65vh] overflow-y-auto p-1" data-testid="gallery-scroller">
        <ul role="list" aria-label="Images" style={{ height: rows.getTotalSize(), position: "relative" }}>
          {virtualRows.flatMap((row) =>
            all.slice(row.index * columns, row.index * columns + columns).map((image, column) => {
              const index = row.index * columns + column;
              return (
                <li
                  key={image.id}
                  style={{
                    position: "absolute",
                    top: row.start,
                    left: column * (tileSize + gap),
                    width: tileSize,
                    height: tileSize,
                  }}
                >
                  <ImageTile
                    image={image}
                    isSelected={selected.has(image.id)}
                    onSelect={(event) => select(event, index, image.id)}
                  />
                </li>
              );
            }),
          )}
        </ul>
      </div>
    </section>
  );
}
