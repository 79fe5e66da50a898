"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { describeRuns } from "@/components/benchmarks/run-model-label";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { QueueCreatedNotice } from "./QueueCreatedNotice";
import { useCompletedRuns, useCreateQueue } from "./use-annotation-queues";

/**
 * Makes a queue from a filter over a completed run's results or the
 * researcher's own assessments. Once made, the form is empty again for the
 * next queue and the new one is offered above it, with the focus there.
 */
export function CreateQueueForm({ canReadRuns }: { canReadRuns: boolean }) {
  const runs = useCompletedRuns(canReadRuns);
  const create = useCreateQueue();
  const formRef = useRef<HTMLFormElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const initialSource = canReadRuns ? "run" : "assessments";
  const [source, setSource] = useState<"run" | "assessments">(initialSource);
  const [runId, setRunId] = useState("");
  const [onlyIncorrect, setOnlyIncorrect] = useState(false);
  const [onlyWithIssues, setOnlyWithIssues] = useState(false);
  const selectedRun = runId || runs.data?.[0]?.id || "";
  const runLabels = describeRuns(runs.data ?? []);
  const made = create.isSuccess ? create.data.queue : null;

  useEffect(() => {
    if (made) noticeRef.current?.focus();
  }, [made]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const limit = Number(form.get("limit") || 500);
    const annotators = String(form.get("annotators") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    const filter =
      source === "run"
        ? { source, runId: selectedRun, onlyIncorrect, onlyWithIssues, limit }
        : { source, onlyWithIssues, limit };
    create.mutate(
      {
        name: String(form.get("name") ?? ""),
        filter,
        requiredAnnotations: Number(form.get("required") || 1),
        annotators,
      },
      {
        onSuccess: () => {
          // Back to the empty form: the typed fields by the form's own reset, the chosen ones by their state.
          formRef.current?.reset();
          setSource(initialSource);
          setRunId("");
          setOnlyIncorrect(false);
          setOnlyWithIssues(false);
        },
      },
    );
  };

  return (
    <div className="space-y-4">
      {made && (
        <QueueCreatedNotice ref={noticeRef} queue={made} namedAnnotators={create.variables?.annotators.length ?? 0} />
      )}
      <form ref={formRef} onSubmit={onSubmit} aria-label="New queue" className="space-y-3">
        <TextField id="queue-name" name="name" label="Name" required maxLength={200} />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">Outputs from</legend>
          {canReadRuns ? (
            <label className="mr-4 text-sm">
              <input
                type="radio"
                name="source"
                checked={source === "run"}
                onChange={() => setSource("run")}
                className="mr-1"
              />
              A benchmark run
            </label>
          ) : null}
          <label className="text-sm">
            <input
              type="radio"
              name="source"
              checked={source === "assessments"}
              onChange={() => setSource("assessments")}
              className="mr-1"
            />
            My assessments
          </label>
        </fieldset>
        {source === "run" ? (
          <div className="space-y-1">
            <label htmlFor="queue-run" className="block text-sm font-medium text-slate-800">
              Run
            </label>
            <select
              id="queue-run"
              value={selectedRun}
              onChange={(event) => setRunId(event.target.value)}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              {(runs.data ?? []).map((run) => (
                <option key={run.id} value={run.id}>
                  {runLabels.get(run.id)}
                </option>
              ))}
            </select>
            {runs.data?.length === 0 ? (
              <p className="text-xs text-slate-500">No completed run yet: run one on the Benchmarks page.</p>
            ) : null}
            <label className="mr-4 text-sm">
              <input
                type="checkbox"
                checked={onlyIncorrect}
                onChange={(event) => setOnlyIncorrect(event.target.checked)}
                className="mr-1"
              />
              Only wrong answers
            </label>
          </div>
        ) : null}
        <label className="block text-sm">
          <input
            type="checkbox"
            checked={onlyWithIssues}
            onChange={(event) => setOnlyWithIssues(event.target.checked)}
            className="mr-1"
          />
          Only outputs with consistency issues
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="queue-limit"
            name="limit"
            label="At most this many items"
            type="number"
            min={1}
            max={5000}
            defaultValue={500}
          />
          <TextField
            id="queue-required"
            name="required"
            label="Annotators per item"
            type="number"
            min={1}
            max={10}
            defaultValue={1}
          />
        </div>
        <TextField
          id="queue-annotators"
          name="annotators"
          label="Who may work on it"
          hint="Emails of annotators, separated by commas; empty lets every annotator."
        />
        <ErrorMessage message={create.error ? `The queue was not made: ${create.error.message}` : null} />
        <Button type="submit" disabled={create.isPending || (source === "run" && !selectedRun)}>
          {create.isPending ? "Making the queue…" : "Make queue"}
        </Button>
      </form>
    </div>
  );
}
