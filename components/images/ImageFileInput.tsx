"use client";

import type { Ref } from "react";

/**
 * The hidden file input behind an "Upload" button: the formats the library
 * accepts, several files at once unless told otherwise, cleared after each choice so the same file
 * can be chosen again.
 */
export function ImageFileInput({
  ref,
  label,
  onFiles,
  multiple = true,
}: {
  ref: Ref<HTMLInputElement>;
  label: string;
  onFiles(files: File[]): void;
  multiple?: boolean;
}) {
  return (
    <input
      ref={ref}
      type="file"
      multiple={multiple}
      accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
      className="sr-only"
      aria-label={label}
      tabIndex={-1}
      onChange={(event) => {
        const files = Array.from(event.target.files ?? []);
        event.target.value = "";
        if (files.length > 0) onFiles(files);
      }}
    />
  );
}
