"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TasteCheckScreen } from "./TasteCheckScreen";
import { TastePairScreen } from "./TastePairScreen";
import { TastePoolChooser } from "./TastePoolChooser";
import { TasteResult } from "./TasteResult";
import { currentTasteSessionQueryOptions, tasteCheckQueryOptions } from "./taste-queries";

type Screen = "pairs" | "result" | "check";

/**
 * "Find my taste": the person's quiz under way (resumed after a reload from
 * the stored answers), its pairs until it has learnt enough or the person
 * stops, then the references it chose, and, if they like, the check of
 * what it learnt (resumed too). Without a quiz under way, the choice of
 * pictures to start one.
 */
export function TasteQuiz() {
  const current = useQuery(currentTasteSessionQueryOptions());
  const activeId = current.data?.session.status === "active" ? current.data.session.id : null;
  const check = useQuery({ ...tasteCheckQueryOptions(activeId ?? ""), enabled: activeId !== null });
  // null: as the quiz and the check stand; set by the person's own moves between the screens.
  const [chosen, setChosen] = useState<Screen | null>(null);

  if (current.isPending) return <p className="text-sm text-slate-500">Loading your quiz…</p>;
  if (current.error) return <ErrorMessage message={current.error.message} />;
  const state = current.data;
  if (!state || state.session.status === "finished") return <TastePoolChooser />;
  if (check.isPending) return <p className="text-sm text-slate-500">Loading your quiz…</p>;
  if (check.error) return <ErrorMessage message={check.error.message} />;
  const isChecking = check.data.isStarted;
  const screen =
    chosen ??
    (isChecking && !check.data.isComplete
      ? "check"
      : isChecking || state.status.isFinished || !state.next
        ? "result"
        : "pairs");

  if (screen === "check" && isChecking)
    return (
      <TasteCheckScreen
        sessionId={state.session.id}
        check={check.data}
        onAnswered={() => setChosen("check")}
        onClose={() => setChosen("result")}
      />
    );
  if (screen === "pairs" && !isChecking) return <TastePairScreen state={state} onStop={() => setChosen("result")} />;
  return (
    <TasteResult
      state={state}
      check={check.data}
      onContinue={() => setChosen(null)}
      onCheck={() => setChosen("check")}
    />
  );
}
