"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { BenchmarkSubsetJson } from "@/lib/benchmarks/benchmark-contract";
import { demoOverviewQueryOptions } from "@/components/demo/demo-queries";
import { paperColumns } from "@/lib/preferthinker/metrics";
import { useImportDemo } from "./use-benchmarks";

const columnTitle = (subset: string) => paperColumns.find((column) => column.subset === subset)?.title ?? subset;

/** Imports subsets of the generated demo benchmark into the researcher's account; subsets already in it by name are not offered again. */
export function DemoImportForm({ imported }: { imported: BenchmarkSubsetJson[] }) {
  const overview = useQuery(demoOverviewQueryOptions());
  const importDemo = useImportDemo();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // Matched by name: the page does not know where the server keeps the demo, and a second import of the same folder is refused anyway.
  const importedNames = new Set(imported.map((subset) => subset.name));
  const offered = overview.data?.subsets.filter((entry) => !importedNames.has(entry.subset)) ?? [];
  const chosenSamples = offered
    .filter((entry) => chosen.has(entry.subset))
    .reduce((total, entry) => total + entry.samples, 0);

  function toggle(subset: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(subset)) next.delete(subset);
      else next.add(subset);
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    importDemo.mutate([...chosen], { onSuccess: () => setChosen(new Set()) });
  }

  if (overview.data && !overview.data.available)
    return <p className="text-sm text-slate-600">The demo benchmark is not available on this installation.</p>;
  if (overview.data && offered.length === 0)
    return <p className="text-sm text-slate-600">Every subset of the demo benchmark is imported.</p>;
  return (
    <form onSubmit={submit} className="space-y-3" aria-busy={importDemo.isPending}>
      <fieldset disabled={importDemo.isPending}>
        <legend className="text-sm font-semibold">Import from the demo benchmark</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {offered.map((entry) => (
            <label key={entry.subset} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={chosen.has(entry.subset)} onChange={() => toggle(entry.subset)} />
              {entry.subset}{" "}
              <span className="text-slate-500">
                ({columnTitle(entry.subset)}, {entry.samples} samples)
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={chosen.size === 0 || importDemo.isPending}>
          {importDemo.isPending ? "Importing…" : "Import demo subsets"}
        </Button>
        {importDemo.isPending && (
          <p role="status" className="text-sm text-slate-600">
            Importing {chosenSamples} samples and their pictures; this takes about a minute per 250 samples.
          </p>
        )}
      </div>
      <ErrorMessage
        message={
          importDemo.error
            ? `The import failed: ${importDemo.error.message}`
            : overview.error
              ? `The demo benchmark could not be read: ${overview.error.message}`
              : null
        }
      />
    </form>
  );
}
