"use client";

import { useUploadStore } from "./upload-store";

const statusText = {
  waiting: "Waiting",
  uploading: "Uploading",
  processing: "Checking",
  done: "Added",
  failed: "Refused",
} as const;

/** Refusals first (they need reading), then work in progress, then what is done. */
const order = { failed: 0, uploading: 1, processing: 1, waiting: 2, done: 3 } as const;

/** Each file's progress and outcome, errors in the server's words. */
export function UploadList() {
  const items = useUploadStore((state) => state.items);
  const clearFinished = useUploadStore((state) => state.clearFinished);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="uploads-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between">
        <h2 id="uploads-heading" className="text-sm font-semibold">
          Uploads
        </h2>
        <button type="button" onClick={clearFinished} className="text-xs text-brand-700 underline">
          Clear finished
        </button>
      </div>
      <ul className="mt-2 max-h-48 space-y-2 overflow-y-auto" aria-live="polite">
        {[...items]
          .sort((a, b) => order[a.status] - order[b.status])
          .map((item) => (
            <li key={item.key} className="text-sm" data-testid="upload-item">
              <div className="flex justify-between gap-3">
                <span className="truncate">{item.name}</span>
                <span className={item.status === "failed" ? "font-medium text-red-700" : "text-slate-500"}>
                  {statusText[item.status]}
                </span>
              </div>
              {item.status !== "done" && item.status !== "failed" && (
                <progress
                  className="h-1.5 w-full"
                  max={1}
                  value={item.progress}
                  aria-label={`Upload of ${item.name}`}
                />
              )}
              {item.message && (
                <p className={`text-xs ${item.status === "failed" ? "text-red-700" : "text-slate-500"}`}>
                  {item.message}
                </p>
              )}
            </li>
          ))}
      </ul>
    </section>
  );
}
