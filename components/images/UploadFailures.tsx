"use client";

import type { UploadOutcome } from "./use-image-upload";

/** Files a drop or an upload button could not add, each with the server's reason, until dismissed. */
export function UploadFailures({ failures, onDismiss }: { failures: UploadOutcome["failures"]; onDismiss(): void }) {
  if (failures.length === 0) return null;
  return (
    <div role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="font-medium">
        {failures.length === 1 ? "This file was not added:" : `These ${failures.length} files were not added:`}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {failures.map((failure, index) => (
          <li key={`${failure.name}-${index}`}>
            <span className="font-medium">{failure.name}</span>: {failure.message}
          </li>
        ))}
      </ul>
      <button type="button" className="mt-1 text-xs font-medium underline" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
