"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { referenceSetResponseSchema } from "@/lib/assessments/reference-set-contract";
import { callApi } from "@/lib/http/api-client";
import { useAssess, useAssessStore } from "./assess-store";
import { referenceSetKeys, referenceSetsQueryOptions } from "./reference-set-queries";

/** "Set of 3 Dec 2026", or with " (2)", " (3)" … when the person has that name already (names are unique per person). */
function defaultName(existing: string[]): string {
  const base = `Set of ${new Date().toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" })}`;
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} (${n})`)) n++;
  return `${base} (${n})`;
}

/** Saved reference sets: pick one to load it, save the columns as a new set, or save changes to the one loaded. */
export function ReferenceSetBar() {
  const store = useAssessStore();
  const queryClient = useQueryClient();
  const referenceSetId = useAssess((state) => state.referenceSetId);
  const isEmpty = useAssess((state) => state.preferred.length + state.nonPreferred.length === 0);
  const [name, setName] = useState("");
  const sets = useQuery(referenceSetsQueryOptions());
  const loaded = sets.data?.referenceSets.find((set) => set.id === referenceSetId);
  // Names are unique per person (the server refuses a repeat with a 409): say so before the click.
  const isNameTaken = name.trim() !== "" && (sets.data?.referenceSets.some((set) => set.name === name.trim()) ?? false);
  const save = useMutation({
    mutationFn: async (asNew: boolean) => {
      const { preferred, nonPreferred } = store.getState();
      const body = { preferredImageIds: preferred, nonPreferredImageIds: nonPreferred };
      return asNew || !referenceSetId
        ? callApi("/api/reference-sets", {
            method: "POST",
            body: { name: name.trim() || defaultName(sets.data?.referenceSets.map((set) => set.name) ?? []), ...body },
            schema: referenceSetResponseSchema,
          })
        : callApi(`/api/reference-sets/${referenceSetId}`, {
            method: "PATCH",
            body,
            schema: referenceSetResponseSchema,
          });
    },
    onSuccess: ({ referenceSet }) => {
      store.getState().loadReferenceSet(referenceSet);
      setName("");
      void queryClient.invalidateQueries({ queryKey: referenceSetKeys.all });
    },
  });

  return (
    <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Reference sets">
      <div className="text-sm">
        <label htmlFor="reference-set-select" className="block text-slate-600">
          Reference set
        </label>
        <select
          id="reference-set-select"
          className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5"
          value={referenceSetId ?? ""}
          onChange={(event) =>
            store
              .getState()
              .loadReferenceSet(sets.data?.referenceSets.find((set) => set.id === event.target.value) ?? null)
          }
        >
          <option value="">Unsaved</option>
          {sets.data?.referenceSets.map((set) => (
            <option key={set.id} value={set.id}>
              {set.name} ({set.preferredImageIds.length} + {set.nonPreferredImageIds.length})
            </option>
          ))}
        </select>
      </div>
      {loaded && (
        <Link
          href={`/assess/profile?set=${loaded.id}`}
          className="self-center text-sm font-medium text-brand-700 underline"
        >
          My profile
        </Link>
      )}
      {loaded && (
        <Button variant="secondary" onClick={() => save.mutate(false)} disabled={save.isPending || isEmpty}>
          Save changes to “{loaded.name}”
        </Button>
      )}
      <label className="text-sm">
        <span className="block text-slate-600">New set name</span>
        <input
          className="mt-1 w-44 rounded-md border border-slate-300 px-2 py-1.5"
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. Warm landscapes"
          aria-invalid={isNameTaken || undefined}
          aria-describedby={isEmpty || isNameTaken ? "reference-set-hint" : undefined}
        />
      </label>
      <Button variant="secondary" onClick={() => save.mutate(true)} disabled={save.isPending || isEmpty || isNameTaken}>
        Save as new set
      </Button>
      {(isEmpty || isNameTaken) && (
        <p id="reference-set-hint" className="w-full text-xs text-slate-600">
          {isNameTaken
            ? `You already have a set named “${name.trim()}”: choose another name, or load it and save changes.`
            : "Add liked or disliked images to save them as a set."}
        </p>
      )}
      {save.error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="w-full text-sm text-emerald-700">
          Saved.
        </p>
      )}
    </div>
  );
}
