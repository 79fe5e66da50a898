"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { assessPathFor } from "@/components/assess/pick-from-address";
import { referenceSetKeys } from "@/components/assess/reference-set-queries";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { callApi } from "@/lib/http/api-client";
import { imageRemovalResponseSchema } from "@/lib/images/image-contract";
import { imageKeys } from "./image-queries";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** What to do with the gallery's selection (shown while there is one): send it to Assess as references or candidates, or take it out of the library. */
export function SelectionActions({ selectedIds, onClear }: { selectedIds: string[]; onClear(): void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: () =>
      callApi("/api/images/removals", {
        method: "POST",
        body: { imageIds: selectedIds },
        schema: imageRemovalResponseSchema,
      }),
    onSuccess: ({ deleted, keptForStoredWork }) => {
      setIsConfirming(false);
      setOutcome(
        keptForStoredWork > 0
          ? `Removed ${plural(deleted + keptForStoredWork, "image")} from your library; ${keptForStoredWork} of them stay with the stored assessments or benchmarks that use them.`
          : `Deleted ${plural(deleted, "image")}.`,
      );
      onClear();
      void queryClient.invalidateQueries({ queryKey: imageKeys.all });
      void queryClient.invalidateQueries({ queryKey: referenceSetKeys.all });
    },
  });
  const count = selectedIds.length;
  const send = (pick: Parameters<typeof assessPathFor>[0]) => router.push(assessPathFor(pick));
  // The outcome of a removal stays in view after the selection it emptied.
  if (count === 0) {
    return outcome ? (
      <p role="status" className="text-sm text-emerald-800">
        {outcome}
      </p>
    ) : null;
  }

  return (
    <div
      className="space-y-2 rounded-lg border border-brand-100 bg-brand-50 p-3"
      role="group"
      aria-label="Selected images"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium">{plural(count, "image")} selected:</span>
        <Button variant="secondary" onClick={() => send({ preferred: selectedIds })}>
          Assess as liked
        </Button>
        <Button variant="secondary" onClick={() => send({ nonPreferred: selectedIds })}>
          Assess as disliked
        </Button>
        <Button
          variant="secondary"
          onClick={() => send({ candidates: selectedIds })}
          disabled={count > 2}
          title={count > 2 ? "Select one or two images to use as candidates" : undefined}
        >
          {count === 2 ? "Assess as A and B" : "Assess as candidate A"}
        </Button>
        <Button variant="danger" onClick={() => setIsConfirming(true)} disabled={isConfirming || remove.isPending}>
          Remove…
        </Button>
        <Button variant="secondary" onClick={onClear}>
          Clear selection
        </Button>
      </div>
      {count > 2 && (
        <p className="text-xs text-slate-600">
          Candidates take one or two images: select fewer to send them as A and B.
        </p>
      )}
      {isConfirming && (
        <div
          role="alertdialog"
          aria-labelledby="remove-question"
          className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-white p-2"
        >
          <p id="remove-question" className="text-sm">
            Remove {plural(count, "image")} from your library and your reference sets? Images that stored assessments or
            benchmarks use stay with them; the rest are deleted.
          </p>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending} autoFocus>
            {remove.isPending ? "Removing…" : `Remove ${plural(count, "image")}`}
          </Button>
          <Button variant="secondary" onClick={() => setIsConfirming(false)}>
            Keep them
          </Button>
        </div>
      )}
      <ErrorMessage message={remove.error?.message ?? null} />
      {outcome && (
        <p role="status" className="text-sm text-emerald-800">
          {outcome}
        </p>
      )}
    </div>
  );
}
