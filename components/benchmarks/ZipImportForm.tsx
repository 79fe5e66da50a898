"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { benchmarkSubsetsSchema } from "@/lib/benchmarks/benchmark-contract";
import { sendWithProgress } from "@/lib/http/send-with-progress";
import { benchmarkKeys } from "./benchmark-queries";

/** Imports the subsets of a benchmark folder uploaded as a zip: the upload's progress, then the server's all-or-nothing import. */
export function ZipImportForm() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: async (zip: File) => {
      setProgress(0);
      const body = await sendWithProgress(
        `/api/benchmarks/imports/zip?name=${encodeURIComponent(zip.name)}`,
        zip,
        setProgress,
      );
      return benchmarkSubsetsSchema.parse(body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: benchmarkKeys.subsets }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file) upload.mutate(file, { onSuccess: () => (setFile(null), (event.target as HTMLFormElement).reset()) });
  }

  const isUploading = upload.isPending && progress < 1;
  return (
    <form onSubmit={submit} className="space-y-2 border-t border-slate-100 pt-3" aria-busy={upload.isPending}>
      <label htmlFor="benchmark-zip" className="block text-sm font-semibold">
        Import a benchmark zip
      </label>
      <p id="benchmark-zip-hint" className="text-xs text-slate-600">
        A zip of a PreferImg-Bench folder: <code>data/&lt;SUBSET&gt;/&lt;SUBSET&gt;.json</code> and <code>images/</code>
        . Every subset in it is imported, or none if any sample is broken.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id="benchmark-zip"
          type="file"
          accept=".zip,application/zip"
          aria-describedby="benchmark-zip-hint"
          disabled={upload.isPending}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          className="text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
        />
        <Button type="submit" variant="secondary" disabled={!file || upload.isPending}>
          {upload.isPending ? "Importing…" : "Import zip"}
        </Button>
      </div>
      {upload.isPending && (
        <div role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <progress className="h-2 w-40 accent-brand-600" max={1} value={progress} aria-label="Upload progress" />
          {isUploading
            ? `Uploading… ${Math.round(progress * 100)}%`
            : "Uploaded; checking every sample and storing the pictures…"}
        </div>
      )}
      {upload.isSuccess && (
        <p className="text-sm text-emerald-800">
          Imported {upload.data.subsets.map((subset) => `${subset.name} (${subset.sampleCount} samples)`).join(", ")}.
        </p>
      )}
      <ErrorMessage message={upload.error ? `The zip was not imported: ${upload.error.message}` : null} />
    </form>
  );
}
