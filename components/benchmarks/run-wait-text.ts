import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";

/**
 * Why a queued run has not started, in words for its card; null when it is
 * not held back. The limit is named so a researcher knows it is a rule of the
 * installation (RUNS_PER_USER), not a fault.
 */
export function describeRunWait(waitingFor: EvaluationRunJson["waitingFor"]): string | null {
  if (!waitingFor) return null;
  const { running, limit } = waitingFor;
  const runs = running === 1 ? "1 of your runs is running" : `${running} of your runs are running`;
  const which = running === 1 ? "it finishes" : "one finishes";
  return `Queued: ${runs} (at most ${limit} at once); this one starts when ${which}.`;
}
