"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";

/**
 * A link the server tells once (an invitation, a password link): shown in a
 * read-only field the admin can select, with a Copy button. Focus moves to it
 * when it appears, so keyboard and screen-reader users land on it.
 */
export function ShownOnceLink({
  id,
  title,
  url,
  expiresAt,
  onDismiss,
}: {
  id: string;
  title: string;
  url: string;
  expiresAt: string;
  onDismiss: () => void;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [url]);
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
      <p className="font-medium">{title}</p>
      <label htmlFor={id} className="block text-slate-700">
        Hand this link over yourself: it works once, until {new Date(expiresAt).toLocaleString()}, and will not be shown
        again.
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          ref={field}
          readOnly
          value={url}
          className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard?.writeText(url).then(
              () => setCopied("yes"),
              () => setCopied("no"),
            ) ?? setCopied("no")
          }
        >
          Copy
        </Button>
        <Button variant="secondary" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {copied === "yes" && <p className="text-emerald-800">Copied.</p>}
      {copied === "no" && (
        <p className="text-slate-700">This browser did not allow copying: the link is selected, press Ctrl+C (⌘C).</p>
      )}
    </div>
  );
}
