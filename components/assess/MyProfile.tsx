"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { ProfileEditor } from "./ProfileEditor";
import { profileViewQueryOptions, referenceSetsQueryOptions } from "./reference-set-queries";

/** My profile: per reference set, the latest predicted profile beside the person's own words, where they differ, and what to do with it. */
export function MyProfile({ initialSetId }: { initialSetId: string | null }) {
  const sets = useQuery(referenceSetsQueryOptions());
  const [chosen, setChosen] = useState<string | null>(initialSetId);
  const setId = chosen ?? sets.data?.referenceSets[0]?.id ?? null;
  const view = useQuery({ ...profileViewQueryOptions(setId ?? ""), enabled: setId !== null });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">My profile</h1>
          <p className="text-sm text-slate-600">
            What the model made of each of your reference sets, beside what you say yourself.
          </p>
        </div>
        {sets.data && sets.data.referenceSets.length > 0 && (
          <div className="text-sm">
            <label htmlFor="profile-set-select" className="block text-slate-600">
              Reference set
            </label>
            <select
              id="profile-set-select"
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5"
              value={setId ?? ""}
              onChange={(event) => setChosen(event.target.value)}
            >
              {sets.data.referenceSets.map((set) => (
                <option key={set.id} value={set.id}>
                  {set.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <ErrorMessage message={sets.error?.message ?? view.error?.message ?? null} />
      {sets.data?.referenceSets.length === 0 && (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          No saved reference sets yet. Build one on the{" "}
          <Link className="text-brand-700 underline" href="/assess">
            Assess
          </Link>{" "}
          page and save it.
        </p>
      )}
      {view.data && (
        <ProfileEditor
          key={`${view.data.referenceSet.id}-${view.data.predicted?.assessmentId ?? ""}`}
          view={view.data}
        />
      )}
    </div>
  );
}
