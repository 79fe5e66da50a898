"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/Button";
import { callApi } from "@/lib/http/api-client";
import { useAssess, useAssessStore } from "./assess-store";

const referenceSetSchema = z.object({ id: z.string(), name: z.string(), preferredImageIds: z.array(z.string()), nonPreferredImageIds: z.array(z.string()) }).loose();
const listSchema = z.object({ referenceSets: z.array(referenceSetSchema) });
const oneSchema = z.object({ referenceSet: referenceSetSchema });

/** Saved reference sets: pick one to load it, save the columns as a new set, or save changes to the one loaded. */
export function ReferenceSetBar() {
  const store = useAssessStore();
  const queryClient = useQueryClient();
  const referenceSetId = useAssess((state) => state.referenceSetId);
  const [name, setName] = useState("");
  const sets = useQuery({ queryKey: ["reference-sets"], queryFn: () => callApi("/api/reference-sets", { schema: listSchema }) });
  const loaded = sets.data?.referenceSets.find((set) => set.id === referenceSetId);
  const save = useMutation({
    mutationFn: async (asNew: boolean) => {
      const { preferred, nonPreferred } = store.getState();
      const body = { preferredImageIds: preferred, nonPreferredImageIds: nonPreferred };
      return asNew || !referenceSetId
        ? callApi("/api/reference-sets", { method: "POST", body: { name: name.trim() || `Set of ${new Date().toLocaleDateString()}`, ...body }, schema: oneSchema })
        : callApi(`/api/reference-sets/${referenceSetId}`, { method: "PATCH", body, schema: oneSchema });
    },
    onSuccess: ({ referenceSet }) => {
      store.getState().loadReferenceSet(referenceSet);
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["reference-sets"] });
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
          onChange={(event) => store.getState().loadReferenceSet(sets.data?.referenceSets.find((set) => set.id === event.target.value) ?? null)}
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
        <Link href={`/assess/profile?set=${loaded.id}`} className="self-center text-sm font-medium text-brand-700 underline">
          My profile
        </Link>
      )}
      {loaded && (
        <Button variant="secondary" onClick={() => save.mutate(false)} disabled={save.isPending}>
          Save changes to “{loaded.name}”
        </Button>
      )}
      <label className="text-sm">
        <span className="block text-slate-600">New set name</span>
        <input className="mt-1 w-44 rounded-md border border-slate-300 px-2 py-1.5" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Warm landscapes" />
      </label>
      <Button variant="secondary" onClick={() => save.mutate(true)} disabled={save.isPending}>
        Save as new set
      </Button>
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
