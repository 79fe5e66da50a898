import "server-only";
import type { AssessmentEvent, EventData, EventName } from "@/lib/assessments/assessment-events-contract";

/**
 * The live side of an assessment: its events, numbered, kept in memory so a
 * client that reconnects (Last-Event-ID) or a second tab can follow it from
 * any point. Runs are kept for a while after they end, then only the stored
 * assessment remains.
 */

/** An event as numbered for the stream; id 0 with no event marks the end. */
export type RunEvent = (AssessmentEvent & { id: number }) | { id: 0; event: null; data: null };

const endMark: RunEvent = { id: 0, event: null, data: null };

export class AssessmentRun {
  readonly events: RunEvent[] = [];
  readonly controller = new AbortController();
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly taps: ((event: RunEvent) => void)[] = [];
  isFinished = false;
  isCancelled = false;

  /** Stops the run on its owner's request: the upstream request is aborted with the reason given. */
  cancel(reason: Error): void {
    this.isCancelled = true;
    this.controller.abort(reason);
  }

  /** How many clients follow the run live (a cut-off or departed client is no longer one). */
  get followerCount(): number {
    return this.listeners.size;
  }

  /** Sends one event of the contract (lib/assessments/assessment-events-contract.ts) to every follower. */
  push<K extends EventName>(event: K, data: EventData[K]): void {
    const entry = { id: this.events.length + 1, event, data } as RunEvent;
    this.events.push(entry);
    for (const tap of this.taps) tap(entry);
    for (const listener of this.listeners) listener(entry);
  }

  finish(): void {
    this.isFinished = true;
    for (const tap of this.taps) tap(endMark);
    for (const listener of this.listeners) listener(endMark);
    this.listeners.clear();
  }

  /** Hears every event from the first, then the end, like a follower that is never cut off nor counted (the journal). */
  tap(listener: (event: RunEvent) => void): void {
    for (const event of this.events) listener(event);
    if (this.isFinished) listener(endMark);
    else this.taps.push(listener);
  }

  /** Replays events after `afterId`, then follows new ones; an empty event (id 0) marks the end. */
  follow(afterId: number, listener: (event: RunEvent) => void): () => void {
    for (const event of this.events.slice(afterId)) listener(event);
    if (this.isFinished) {
      listener(endMark);
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const keepFinishedMs = 10 * 60 * 1000;
const registryKey = Symbol.for("preferthinker-studio.assessment-runs");
const holder = globalThis as { [registryKey]?: Map<string, AssessmentRun> };
const runs = (holder[registryKey] ??= new Map());

export function registerRun(id: string, run = new AssessmentRun()): AssessmentRun {
  runs.set(id, run);
  return run;
}

export function getRun(id: string): AssessmentRun | undefined {
  return runs.get(id);
}

/** The runs this process is running or queueing: the leases it must renew. */
export function listUnfinishedRunIds(): string[] {
  return [...runs].filter(([, run]) => !run.isFinished).map(([id]) => id);
}

/** Keeps an ended run for late followers, then lets it go. */
export function retireRun(id: string): void {
  setTimeout(() => runs.delete(id), keepFinishedMs).unref();
}
