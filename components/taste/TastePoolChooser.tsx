"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { callApi } from "@/lib/http/api-client";
import { TASTE_POOL_MIN, type TastePool, tasteSessionStateSchema } from "@/lib/taste/taste-contract";
import { currentTasteSessionQueryOptions } from "./taste-queries";

/**
 * The pools a quiz saved as a reference set can use: the demo pictures (works at once) or one's own library. A benchmark
 * subset's pictures stay with the benchmark (never in the library, so never in a reference set): the API takes such a
 * pool for research, the page does not offer it.
 */
type PoolKind = Exclude<TastePool["kind"], "subset">;

/** Where the quiz's pictures come from: the demo pictures or one's own library. */
export function TastePoolChooser() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PoolKind>("demo");
  const start = useMutation({
    mutationFn: (pool: TastePool) =>
      callApi("/api/taste/sessions", { method: "POST", body: { pool }, schema: tasteSessionStateSchema }),
    onSuccess: (state) => queryClient.setQueryData(currentTasteSessionQueryOptions().queryKey, state),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate({ kind });
  }

  const option = (value: PoolKind, label: string, hint: string) => (
    <label className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
      <input
        type="radio"
        name="pool"
        value={value}
        checked={kind === value}
        onChange={() => setKind(value)}
        className="mt-1 h-4 w-4"
      />
      <span>
        <span className="block font-medium">{label}</span>
        <span className="block text-sm text-slate-600">{hint}</span>
      </span>
    </label>
  );

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4" aria-labelledby="taste-pool-heading">
      <h2 id="taste-pool-heading" className="text-lg font-semibold">
        Which pictures should the quiz show you?
      </h2>
      <fieldset className="space-y-2">
        <legend className="sr-only">Pictures to choose from</legend>
        {option(
          "demo",
          "Demo pictures",
          "Pictures of every style, colour, medium and level of detail: the quickest start.",
        )}
        {option("library", "My pictures", `Your own library; it needs at least ${TASTE_POOL_MIN} pictures.`)}
      </fieldset>
      <ErrorMessage message={start.error?.message ?? null} />
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? "Preparing the pictures…" : "Start"}
      </Button>
    </form>
  );
}
