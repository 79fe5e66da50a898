import "server-only";

/**
 * How a model endpoint's capacity is shared between people and evaluation
 * runs, as pure decisions over counts: no queue, timer or database here, so
 * the in-process admission queue (admission-queue.ts) and the run scheduler
 * (lib/server/benchmarks/run-evaluation.ts) use it today, and an admission
 * kept in the database for several instances can make the same decisions
 * from the counts it reads.
 *
 * The promises it keeps:
 * - evaluation lanes together hold at most floor(share × maxInFlight) slots
 *   (at least one), so with two slots or more a person's assessment always
 *   finds one free;
 * - a waiting person goes ahead of waiting evaluation lanes;
 * - evaluation lanes still get their share whenever no person waits: they
 *   are refused nothing, only delayed;
 * - a researcher has at most `runsPerUser` runs executing; the others wait,
 *   oldest first.
 */

/** Who asks for a slot: a person's interactive assessment, or one lane of an evaluation run. */
export type AdmissionClass = "interactive" | "evaluation";

export type CapacityPolicy = {
  /** The part (0, 1] of an endpoint's in-flight slots that evaluation lanes may hold together. */
  evaluationShare: number;
  /** Runs one researcher may have executing at once. */
  runsPerUser: number;
};

export const defaultCapacityPolicy: CapacityPolicy = { evaluationShare: 0.75, runsPerUser: 2 };

/** Slots in use at an endpoint: all of them, and those held by evaluation lanes. */
export type SlotUse = { inFlight: number; evaluationInFlight: number };

/** How many wait in each line. */
export type WaitingCounts = Record<AdmissionClass, number>;

export type SlotLimits = { maxInFlight: number; evaluationSlots: number };

/**
 * The slots evaluation lanes may hold together: floor(share × maxInFlight),
 * at least one (a run must be able to progress) and at most all of them.
 */
export function countEvaluationSlots(maxInFlight: number, evaluationShare: number): number {
  // The small epsilon keeps 0.29 × 100 (28.999…96 in binary) from losing a slot.
  return Math.max(1, Math.min(maxInFlight, Math.floor(evaluationShare * maxInFlight + 1e-9)));
}

/** Whether a request of this class would fit in the slots now, whoever waits. */
export function hasFreeSlot(kind: AdmissionClass, use: SlotUse, limits: SlotLimits): boolean {
  if (use.inFlight >= limits.maxInFlight) return false;
  return kind === "interactive" || use.evaluationInFlight < limits.evaluationSlots;
}

/**
 * Which line gets the next slot: waiting people first, then evaluation lanes
 * within their share; null when nobody waiting may start now.
 */
export function chooseNextAdmission(use: SlotUse, waiting: WaitingCounts, limits: SlotLimits): AdmissionClass | null {
  if (waiting.interactive > 0 && hasFreeSlot("interactive", use, limits)) return "interactive";
  if (waiting.evaluation > 0 && hasFreeSlot("evaluation", use, limits)) return "evaluation";
  return null;
}

/** Whether a request arriving now starts at once: it fits, and nobody who goes before it is waiting. */
export function canStartAtOnce(
  kind: AdmissionClass,
  use: SlotUse,
  waiting: WaitingCounts,
  limits: SlotLimits,
): boolean {
  if (waiting[kind] > 0) return false;
  return chooseNextAdmission(use, { ...waiting, [kind]: 1 }, limits) === kind;
}

/** A researcher's run as the per-person limit sees it. */
export type RunSlotView = { id: string; status: "queued" | "running" };

/** Which of a researcher's runs execute and which wait, each list oldest first. */
export type RunPlan = { execute: string[]; wait: string[] };

/**
 * Given one researcher's queued and running runs, oldest first: the runs
 * already running keep their places (a run is never stopped to let an older
 * one in), then queued runs start oldest first, up to `runsPerUser` in all.
 * Running runs past the limit (after a restart with a lower limit) wait again.
 */
export function planUserRuns(runs: readonly RunSlotView[], runsPerUser: number): RunPlan {
  const ordered = [...runs.filter((run) => run.status === "running"), ...runs.filter((run) => run.status === "queued")];
  return {
    execute: ordered.slice(0, runsPerUser).map((run) => run.id),
    wait: ordered.slice(runsPerUser).map((run) => run.id),
  };
}

/** Why a queued run has not started: its owner already has `running` of the `limit` runs they may have executing. */
export type RunWait = { reason: "runs_per_user"; running: number; limit: number };

/** The wait of a run in this status, given how many of its owner's runs execute; null when it is not held back. */
export function findRunWait(status: string, running: number, runsPerUser: number): RunWait | null {
  return status === "queued" && running >= runsPerUser
    ? { reason: "runs_per_user", running, limit: runsPerUser }
    : null;
}
