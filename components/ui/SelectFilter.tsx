import type { ReactNode } from "react";

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm focus:border-brand-600";

/** One filter of a filter bar: a labelled select, its first option the one that clears it. */
export function SelectFilter({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
}) {
  return (
    <div className="min-w-32 flex-1 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={selectClass}>
        {children}
      </select>
    </div>
  );
}
