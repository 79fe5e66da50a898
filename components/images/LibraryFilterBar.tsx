"use client";

import { useEffect, useState } from "react";
import { type LibraryFilterState, emptyLibraryFilter, isFilterEmpty } from "./library-filter";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600";

/**
 * Find images in a library: by part of the file name (sent once typing
 * pauses), by how they came (your uploads, or pictures taken from a demo
 * person), and by the day they were added.
 */
export function LibraryFilterBar({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: LibraryFilterState;
  onChange(filter: LibraryFilterState): void;
}) {
  const [name, setName] = useState(value.name);
  // "Clear filters" (or any change from outside) replaces what is typed: adjusted while rendering, not in an effect.
  const [sentName, setSentName] = useState(value.name);
  if (sentName !== value.name) {
    setSentName(value.name);
    setName(value.name);
  }
  useEffect(() => {
    if (name === value.name) return;
    const timer = setTimeout(() => onChange({ ...value, name }), 250);
    return () => clearTimeout(timer);
  }, [name, value, onChange]);

  return (
    <div className="flex flex-wrap items-end gap-2" role="search" aria-label="Find images">
      <div className="min-w-36 flex-[2] space-y-1">
        <label htmlFor={`${idPrefix}-name`} className="block text-xs font-medium text-slate-700">
          File name
        </label>
        <input
          id={`${idPrefix}-name`}
          type="search"
          className={inputClass}
          value={name}
          maxLength={200}
          placeholder="Part of the file name"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="min-w-28 flex-1 space-y-1">
        <label htmlFor={`${idPrefix}-source`} className="block text-xs font-medium text-slate-700">
          Source
        </label>
        <select
          id={`${idPrefix}-source`}
          className={inputClass}
          value={value.source}
          onChange={(event) => onChange({ ...value, source: event.target.value as LibraryFilterState["source"] })}
        >
          <option value="">All</option>
          <option value="upload">Your uploads</option>
          <option value="demo">From demo people</option>
        </select>
      </div>
      <div className="min-w-32 flex-1 space-y-1">
        <label htmlFor={`${idPrefix}-day`} className="block text-xs font-medium text-slate-700">
          Added on
        </label>
        <input
          id={`${idPrefix}-day`}
          type="date"
          className={inputClass}
          value={value.day}
          onChange={(event) => onChange({ ...value, day: event.target.value })}
        />
      </div>
      {!isFilterEmpty(value) && (
        <button
          type="button"
          className="rounded-md px-2 py-1.5 text-sm font-medium text-brand-700 underline"
          onClick={() => onChange(emptyLibraryFilter)}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
