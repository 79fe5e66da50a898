"use client";

import type { MouseEvent } from "react";
import type { ImageJson } from "@/lib/images/image-contract";
import { Thumbnail } from "./Thumbnail";

/** One thumbnail with its file name: a toggle button, pressed when selected. */
export function ImageTile({
  image,
  isSelected,
  onSelect,
}: {
  image: ImageJson;
  isSelected: boolean;
  onSelect(event: MouseEvent<HTMLButtonElement>): void;
}) {
  return (
    <button
      type="button"
      aria-pressed={isSelected}
      title={`${image.name} · ${image.width} x ${image.height}`}
      onClick={onSelect}
      className={`group relative h-full w-full overflow-hidden rounded-lg border-2 bg-slate-100 ${isSelected ? "border-brand-600 ring-2 ring-brand-600" : "border-transparent hover:border-slate-300"}`}
    >
      <Thumbnail imageId={image.id} alt={image.name} className="h-full w-full object-cover" />
      <span
        aria-hidden="true"
        className="absolute inset-x-0 bottom-0 truncate bg-linear-to-t from-slate-900/70 to-transparent px-1.5 pb-1 pt-4 text-left text-xs text-white"
      >
        {image.source === "demo" ? `demo · ${image.name}` : image.name}
      </span>
      {isSelected && (
        <span
          aria-hidden="true"
          className="absolute right-1.5 top-1.5 rounded-full bg-brand-600 px-1.5 text-xs font-bold text-white"
        >
          ✓
        </span>
      )}
    </button>
  );
}
