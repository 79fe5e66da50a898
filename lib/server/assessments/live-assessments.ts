import "server-only";
import { assessmentEventSchemas, type EventName } from "@/lib/assessments/assessment-events-contract";
import { getConfig } from "@/lib/config";
import {
  appendAssessmentEvents,
  deleteOldAssessmentEvents,
  type JournalEvent,
  readAssessmentEvents,
  renewAssessmentLeases,
} from "@/lib/db/assessment-leases";
import { type AssessmentRecord, failExpiredAssessments, getAssessment } from "@/lib/db/assessments";
import type { Database } from "@/lib/db/open-database";
import { type AssessmentRun, getRun, listUnfinishedRunIds, type RunEvent } from "@/lib/inference/assessment-run";
import { ModelServerError } from "@/lib/inference/model-server-error";
import { EventJournal } from "./event-journal";
import { replayStoredAssessment } from "./replay-stored-assessment";

/**
 * Assessments on an installation of several instances sharing one
 * PostgreSQL server. The instance running an assessment holds a lease on its
 * row, renewed every third of a lease (and by each progress save); any
 * instance, every half lease, fails the rows whose lease ran out (their
 * instance went away). A cancel that reaches another instance is recorded on
 * the row and announced (NOTIFY); the running instance stops the run at once,
 * or at its next renewal if the notification was lost. The running instance
 * journals the events it numbers, so a follower on any instance reads the
 * same ids and text, woken by a notification per batch.
 *
 * With the embedded database one process owns everything: it fails what its
 * previous life left running when it starts, and keeps no journal.
 */

export const assessmentEventsChannel = "assessment_events";
export const assessmentCancelChannel = "assessment_cancel";

/** How long a journal outlives its run, like a run kept in memory for late followers. */
const keepJournalMinutes = 10;

type Live = {
  timers: NodeJS.Timeout[];
  stopListening: (() => Promise<void>)[];
  /** Followers on this instance of runs journalled elsewhere, woken when a batch lands. */
  followers: Map<string, Set<() => void>>;
};

const liveKey = Symbol.for("preferthinker-studio.live-assessments");
const live: Live = ((globalThis as { [liveKey]?: Live })[liveKey] ??= {
  timers: [],
  stopListening: [],
  followers: new Map(),
});

const cancelReason = () => new ModelServerError("unavailable", "The assessment was cancelled.", false);
const endedElsewhere = () =>
  new ModelServerError("unavailable", "This assessment was ended through another server of the installation.", false);

/** Starts the renewals, and with a shared database the sweep and the listeners. Idempotent. */
export async function startLiveAssessments(database: Database): Promise<void> {
  if (live.timers.length > 0) return;
  const leaseSeconds = getConfig().assessmentLeaseSeconds;
  live.timers.push(setInterval(() => void renewLeases(database, leaseSeconds), (leaseSeconds * 1000) / 3));
  if (database.kind === "postgres") {
    live.timers.push(setInterval(() => void sweep(database), (leaseSeconds * 1000) / 2));
    live.stopListening.push(
      await database.listen(assessmentCancelChannel, (id) => getRun(id)?.cancel(cancelReason())),
      await database.listen(assessmentEventsChannel, (id) => {
        for (const wake of live.followers.get(id) ?? []) wake();
      }),
    );
  }
  for (const timer of live.timers) timer.unref();
}

export async function stopLiveAssessments(): Promise<void> {
  for (const timer of live.timers.splice(0)) clearInterval(timer);
  await Promise.all(live.stopListening.splice(0).map((stop) => stop().catch(() => undefined)));
}

async function renewLeases(database: Database, leaseSeconds: number): Promise<void> {
  try {
    const ids = listUnfinishedRunIds();
    const renewed = await renewAssessmentLeases(database, ids, leaseSeconds);
    for (const { id, cancelRequested } of renewed) if (cancelRequested) getRun(id)?.cancel(cancelReason());
    // A row that is no longer queued or running was ended elsewhere (the sweep, after this instance lost its
    // lease): stop sending it to the model. Its run's ending then says how the row ended.
    const still = new Set(renewed.map((row) => row.id));
    for (const id of ids) {
      const run = getRun(id);
      if (!still.has(id) && run && !run.isFinished) run.cancel(endedElsewhere());
    }
  } catch (error) {
    console.error("[assessments] could not renew this instance's leases:", error);
  }
}

/** Fails runs whose instance went away and drops old journals; any instance may do it, any number of times. */
export async function sweep(database: Database): Promise<void> {
  try {
    const failed = await failExpiredAssessments(database);
    if (failed.length > 0)
      console.log(`[assessments] ${failed.length} run(s) whose instance stopped are marked failed`);
    // Their followers on every instance look at once, rather than at their next look.
    for (const id of failed) await database.notify(assessmentEventsChannel, id);
    await deleteOldAssessmentEvents(database, keepJournalMinutes);
  } catch (error) {
    console.error("[assessments] the sweep of interrupted runs failed:", error);
  }
}

/**
 * Journals a run's events from its first (those pushed before its row was
 * written included) to its end, when the database is shared. Its row must
 * exist.
 */
export function journalRun(database: Database, id: string, run: AssessmentRun): void {
  if (database.kind !== "postgres") return;
  const journal = new EventJournal((events) => appendAssessmentEvents(database, id, events, assessmentEventsChannel));
  run.tap((event) => {
    if (event.event === null) void journal.close();
    else journal.add(event);
  });
}

/** Whether a row's run has not ended. */
export const isUnfinished = (status: string): boolean => status === "queued" || status === "running";

const endMark: RunEvent = { id: 0, event: null, data: null };

/** A journalled event as the contract describes it, or null (written by a version of the app that spoke otherwise). */
function readJournalEvent(event: JournalEvent): RunEvent | null {
  const schema = assessmentEventSchemas[event.event as EventName] as
    (typeof assessmentEventSchemas)[EventName] | undefined;
  if (!schema || !Number.isInteger(event.id) || event.id < 1) return null;
  const data = schema.safeParse(event.data);
  return data.success ? ({ id: event.id, event: event.event, data: data.data } as RunEvent) : null;
}

/**
 * Follows a run that another instance holds, through its journal: the
 * events after `afterId`, then each batch as its notification arrives (and
 * every second regardless, should one be lost). Ends at `done`; a row that
 * ended without one (its instance died) ends with the stored row's ending.
 */
export function followJournal(database: Database, assessmentId: string): AssessmentRun["follow"] {
  return (afterId, listener) => {
    let isStopped = false;
    let isWoken = false;
    let wake: () => void = () => {};
    const onBatch = () => {
      isWoken = true;
      wake();
    };
    const followers = live.followers.get(assessmentId) ?? new Set();
    live.followers.set(assessmentId, followers.add(onBatch));
    const unsubscribe = () => {
      followers.delete(onBatch);
      if (followers.size === 0) live.followers.delete(assessmentId);
    };
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        if (isWoken || isStopped) return resolve();
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });

    void (async () => {
      let last = afterId;
      let endedLooks = 0;
      try {
        while (!isStopped) {
          isWoken = false;
          const events = await readAssessmentEvents(database, assessmentId, last);
          if (events.length > 0) endedLooks = 0;
          for (const stored of events) {
            const event = readJournalEvent(stored);
            if (isStopped || !event) continue;
            listener(event);
            last = event.id;
            if (event.event === "done") return;
          }
          if (events.length === 0) {
            const row = await getAssessment(database, assessmentId);
            // The row ends a moment before its instance journals `done`. Seen ended for a second and a half with
            // nothing new: its instance is gone, and the journal will not bring it.
            if (!row || (!isUnfinished(row.status) && ++endedLooks >= 5)) {
              if (row && !isStopped) endFromStoredRow(row, last, listener);
              return;
            }
          }
          await pause(endedLooks > 0 ? 300 : 1000);
        }
      } catch (error) {
        console.error("[assessments] following a run through its journal failed:", error);
      } finally {
        unsubscribe();
        if (!isStopped) listener(endMark);
      }
    })();

    return () => {
      isStopped = true;
      wake();
      unsubscribe();
    };
  };
}

/** The stored row's ending after the journalled events: all of its replay if nothing was journalled, else its error and done. */
function endFromStoredRow(row: AssessmentRecord, last: number, listener: (event: RunEvent) => void): void {
  const replayed = replayStoredAssessment(row).events.filter((event) => event.event !== null);
  const tail = last === 0 ? replayed : replayed.filter((event) => event.event === "error" || event.event === "done");
  tail.forEach((event, index) => listener({ ...event, id: last + index + 1 } as RunEvent));
}
