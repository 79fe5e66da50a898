"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TastePairScreen } from "./TastePairScreen";
import { TastePoolChooser } from "./TastePoolChooser";
import { TasteResult } from "./TasteResult";
import { currentTasteSessionQueryOptions } from "./taste-queries";

/**
 * "Find my taste": the person's quiz under way (resumed after a reload from
 * the stored answers), its pairs until it has learnt enough or the person
 * stops, then the references it chose. Without a quiz under way, the choice
 * of pictures to start one.
 */
export function TasteQuiz() {
  const current = useQuery(currentTasteSessionQueryOptions());
  const [isStopped, setIsStopped] = useState(false);

  if (current.isPending) return <p className="text-sm text-slate-500">Loading your quiz…</p>;
  if (current.error) return <ErrorMessage message={current.error.message} />;
  const state = current.data;
  if (!state || state.session.status === "finished") return <TastePoolChooser />;
  if (isStopped || state.status.isFinished || !state.next)
    return <TasteResult state={state} onContinue={() => setIsStopped(false)} />;
  return <TastePairScreen state={state} onStop={() => setIsStopped(true)} />;
}
