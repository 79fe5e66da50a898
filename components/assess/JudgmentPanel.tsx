"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { JudgmentBody } from "@/lib/assessments/judgment-contract";
import { attributes } from "@/lib/preferthinker/attributes";
import { assessmentQueryOptions } from "./assessment-queries";
import { enqueueJudgment, findPending, flushOutbox } from "./judgment-outbox";

const choices = [
  { value: "A", label: "Image A", key: "1" },
  { value: "B", label: "Image B", key: "2" },
  { value: "tie", label: "No preference", key: "0" },
] as const;

/**
 * The person's own judgment: A, B or no preference (keys 1, 2, 0), and the
 * attributes where they disagree with the model. Saved through the outbox,
 * so it is sent again when the connection returns; saved or pending is shown.
 */
export function JudgmentPanel({ assessmentId, modelAnswer }: { assessmentId: string; modelAnswer: string | null }) {
  const queryClient = useQueryClient();
  const stored = useQuery({ ...assessmentQueryOptions(assessmentId), select: (data) => data.assessment.judgment });
  const [draft, setDraft] = useState<JudgmentBody | null>(null);
  const [state, setState] = useState<"idle" | "pending" | "saved" | "refused">(() =>
    typeof window !== "undefined" && findPending(assessmentId) ? "pending" : "idle",
  );
  const [message, setMessage] = useState<string | null>(null);
  const current: JudgmentBody | null = draft ?? findPending(assessmentId)?.body ?? stored.data ?? null;

  const flush = useCallback(async () => {
    const result = (await flushOutbox()).get(assessmentId);
    if (!result) return;
    setState(result.state);
    setMessage(result.state === "refused" ? result.message : null);
    if (result.state === "saved")
      void queryClient.invalidateQueries({ queryKey: assessmentQueryOptions(assessmentId).queryKey });
  }, [assessmentId, queryClient]);

  const save = useCallback(
    (body: JudgmentBody) => {
      setDraft(body);
      setState("pending");
      enqueueJudgment(assessmentId, body);
      void flush();
    },
    [assessmentId, flush],
  );

  useEffect(() => {
    const retry = () => void flush();
    // What was left waiting (a reload while offline) goes out as soon as the page is up.
    const first = setTimeout(() => findPending(assessmentId) && retry(), 0);
    window.addEventListener("online", retry);
    const timer = setInterval(retry, 15_000);
    return () => {
      clearTimeout(first);
      window.removeEventListener("online", retry);
      clearInterval(timer);
    };
  }, [assessmentId, flush]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        event.altKey ||
        event.ctrlKey ||
        event.metaKey ||
        (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
      )
        return;
      const choice = choices.find((option) => option.key === event.key);
      if (choice) save({ choice: choice.value, disagreements: current?.disagreements ?? [] });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, save]);

  const savedText =
    state === "pending"
      ? "Not sent yet: it will be sent when the connection returns."
      : state === "saved" || (state === "idle" && stored.data)
        ? "Saved."
        : "";
  const modelSaid = modelAnswer === "Image A" ? "A" : modelAnswer === "Image B" ? "B" : null;

  return (
    <section aria-labelledby="judgment-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="judgment-heading" className="text-lg font-semibold">
          Your judgment
        </h2>
        <p
          role="status"
          aria-live="polite"
          className={`text-sm ${state === "pending" ? "text-amber-700" : "text-emerald-700"}`}
          data-testid="judgment-state"
        >
          {savedText}
        </p>
      </div>
      <div role="radiogroup" aria-label="Which do you prefer?" className="flex flex-wrap gap-2">
        {choices.map((option) => (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={current?.choice === option.value}
            onClick={() => save({ choice: option.value, disagreements: current?.disagreements ?? [] })}
            className={`rounded-md border px-3 py-2 text-sm font-medium ${current?.choice === option.value ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
          >
            {option.label}{" "}
            <kbd className="ml-1 rounded border border-current px-1 text-xs opacity-70">{option.key}</kbd>
          </button>
        ))}
      </div>
      {current && modelSaid && current.choice !== "tie" && (
        <p className="text-sm text-slate-700">
          {current.choice === modelSaid ? "You agree with the model." : "You disagree with the model."}
        </p>
      )}
      {current && (
        <fieldset>
          <legend className="text-sm text-slate-700">Scores you disagree with (optional)</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {attributes.map((attribute) => (
              <label key={attribute.key} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={current.disagreements.includes(attribute.key)}
                  onChange={(event) =>
                    save({
                      choice: current.choice,
                      disagreements: event.target.checked
                        ? [...current.disagreements, attribute.key]
                        : current.disagreements.filter((key) => key !== attribute.key),
                    })
                  }
                />
                {attribute.heading}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {state === "refused" && message && (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      )}
    </section>
  );
}
