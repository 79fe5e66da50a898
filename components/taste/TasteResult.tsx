"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { assessPathFor } from "@/components/assess/pick-from-address";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { referenceSetResponseSchema } from "@/lib/assessments/reference-set-contract";
import { callApi } from "@/lib/http/api-client";
import { type TasteReference, tasteFinishResponseSchema, type TasteSessionState } from "@/lib/taste/taste-contract";
import { TastePicture } from "./TastePicture";
import { tasteResultQueryOptions } from "./taste-queries";

function ReferenceList({ id, title, references }: { id: string; title: string; references: TasteReference[] }) {
  return (
    <section aria-labelledby={id} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      <ol className="space-y-2">
        {references.map((reference, index) => (
          <li key={reference.imageId} className="flex items-center gap-3">
            <TastePicture imageId={reference.imageId} alt={`${title} ${index + 1}`} size="small" />
            <span className="text-sm text-slate-700">{reference.reason}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The five liked and five disliked pictures the answers point to, each with
 * its reason; saved as a reference set, which ends the quiz and opens Assess
 * with it. "Keep going" returns to the pairs.
 */
export function TasteResult({ state, onContinue }: { state: TasteSessionState; onContinue: () => void }) {
  const result = useQuery(tasteResultQueryOptions(state.session.id, state.status.clicks));
  const [saved, setSaved] = useState<{ name: string; assessPath: string } | null>(null);
  const save = useMutation({
    mutationFn: async (name: string) => {
      const { liked, disliked } = result.data!;
      const preferredImageIds = liked.map((reference) => reference.imageId);
      const nonPreferredImageIds = disliked.map((reference) => reference.imageId);
      const { referenceSet } = await callApi("/api/reference-sets", {
        method: "POST",
        body: { name, preferredImageIds, nonPreferredImageIds },
        schema: referenceSetResponseSchema,
      });
      await callApi(`/api/taste/sessions/${state.session.id}/finish`, {
        method: "POST",
        body: { referenceSetId: referenceSet.id },
        schema: tasteFinishResponseSchema,
      });
      return {
        name: referenceSet.name,
        assessPath: assessPathFor({ preferred: preferredImageIds, nonPreferred: nonPreferredImageIds }),
      };
    },
    // The quiz is finished on the server now; the cached one stays, so this confirmation stays on screen until the person moves on.
    onSuccess: setSaved,
  });

  if (result.isPending) return <p className="text-sm text-slate-500">Choosing your references…</p>;
  if (result.error) return <ErrorMessage message={result.error.message} />;
  const { liked, disliked, isComplete } = result.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(String(new FormData(event.currentTarget).get("name") ?? "").trim());
  }

  return (
    <section aria-labelledby="result-heading" className="space-y-4">
      <h2 id="result-heading" className="text-xl font-semibold">
        Your references
      </h2>
      <p className="text-sm text-slate-600">
        Chosen from the {state.status.clicks} pairs you answered: the pictures you preferred most and least, spread over
        what they differ in.
        {!isComplete && " Answer a few more pairs for five of each."}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <ReferenceList id="liked-heading" title="Liked" references={liked} />
        <ReferenceList id="disliked-heading" title="Disliked" references={disliked} />
      </div>
      <ErrorMessage message={save.error?.message ?? null} />
      {saved ? (
        <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p>
            Saved as the reference set <strong>{saved.name}</strong>.
          </p>
          <Link href={saved.assessPath} className="font-medium text-brand-700 underline">
            Assess candidates with these references
          </Link>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <TextField
              id="taste-set-name"
              name="name"
              label="Name of the reference set"
              defaultValue="My taste"
              required
              maxLength={80}
            />
          </div>
          <Button type="submit" disabled={save.isPending || liked.length === 0 || disliked.length === 0}>
            {save.isPending ? "Saving…" : "Save as reference set"}
          </Button>
          <Button
            variant="secondary"
            onClick={onContinue}
            disabled={save.isPending || state.session.status === "finished"}
          >
            Keep going
          </Button>
        </form>
      )}
    </section>
  );
}
