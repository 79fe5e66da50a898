import "server-only";
import { AppError } from "@/lib/errors";
import type { AdmissionStats, EndpointAdmission, LocalStats, Reservation } from "./shared-admission";
import {
  type AdmissionClass,
  canStartAtOnce,
  chooseNextAdmission,
  countEvaluationSlots,
  defaultCapacityPolicy,
  type SlotLimits,
} from "./capacity-policy";

/**
 * Admission control for one model endpoint, which vLLM does not do itself:
 * at most `maxInFlight` requests run. People's assessments wait in order, at
 * most `maxQueued` of them (each told its place as it changes), and one
 * person holds at most `maxPerUser` places, running or waiting; past that
 * the answer is 429 with Retry-After, at once, instead of an unbounded wait.
 *
 * Evaluation lanes have a waiting line of their own and together hold at
 * most their share of the slots (capacity-policy.ts), so a person never
 * waits behind a benchmark run: a free slot goes to a waiting person first.
 * A lane is never refused (the runs a researcher may execute at once bound
 * how many lanes there are); it is woken when a slot it may take frees.
 */

export type AdmissionLimits = {
  maxInFlight: number;
  maxQueued: number;
  maxPerUser: number;
  /** The part (0, 1] of `maxInFlight` evaluation lanes may hold together; default 0.75. */
  evaluationShare?: number;
};

export const defaultAdmissionLimits: AdmissionLimits = {
  maxInFlight: 8,
  maxQueued: 64,
  maxPerUser: 2,
  evaluationShare: defaultCapacityPolicy.evaluationShare,
};

type Waiter = { start(): void; onPosition?: (position: number) => void };

export class AdmissionQueue implements EndpointAdmission {
  private inFlight = 0;
  private evaluationInFlight = 0;
  private readonly waiting: Record<AdmissionClass, Waiter[]> = { interactive: [], evaluation: [] };
  private readonly heldByUser = new Map<string, number>();
  private readonly slots: SlotLimits;

  constructor(private readonly limits: AdmissionLimits = defaultAdmissionLimits) {
    this.slots = {
      maxInFlight: limits.maxInFlight,
      evaluationSlots: countEvaluationSlots(
        limits.maxInFlight,
        limits.evaluationShare ?? defaultCapacityPolicy.evaluationShare,
      ),
    };
  }

  /** Slots in use and requests waiting; `inFlight` and `queued` count everyone, the evaluation figures the runs' lanes. */
  get stats(): AdmissionStats {
    return {
      inFlight: this.inFlight,
      queued: this.waiting.interactive.length + this.waiting.evaluation.length,
      evaluationInFlight: this.evaluationInFlight,
      evaluationQueued: this.waiting.evaluation.length,
    };
  }

  async readStats(): Promise<AdmissionStats> {
    return this.stats;
  }

  get localStats(): LocalStats {
    return { inFlight: this.inFlight, queued: this.stats.queued };
  }

  /** A person's place: refused at once (429) past the limits, else the wait for their turn (see `acquire`). */
  async reserve(
    userId: string,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {},
  ): Promise<Reservation> {
    const refusal = this.findRefusal(userId);
    if (refusal) throw refusal;
    return { turn: this.acquire(userId, options) };
  }

  /** The slots evaluation lanes may hold together at this endpoint. */
  get evaluationSlots(): number {
    return this.slots.evaluationSlots;
  }

  /** Why a person's request would be refused now, or null: lets an API answer 429 before it starts a stream. */
  findRefusal(userId: string): AppError | null {
    const held = this.heldByUser.get(userId) ?? 0;
    if (held >= this.limits.maxPerUser) {
      return new AppError(
        "rate_limited",
        `You already have ${held} assessments running or waiting; wait for one to finish.`,
        { retryAfterSeconds: 5 },
      );
    }
    // Only people count toward the queue's bound: waiting evaluation lanes must not make a person's request a 429.
    if (this.inFlight >= this.limits.maxInFlight && this.waiting.interactive.length >= this.limits.maxQueued) {
      return new AppError("rate_limited", "The model server's queue is full. Try again shortly.", {
        retryAfterSeconds: 10,
      });
    }
    return null;
  }

  /**
   * A person's interactive request: resolves with a release function once it
   * may run, ahead of any waiting evaluation lane. `onPosition` hears 1, 2, …
   * while waiting (not called when a slot is free at once).
   */
  acquire(
    userId: string,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {},
  ): Promise<() => void> {
    const refusal = this.findRefusal(userId);
    if (refusal) return Promise.reject(refusal);
    if (options.signal?.aborted)
      return Promise.reject(new AppError("bad_request", "The assessment was cancelled before it started."));
    this.heldByUser.set(userId, (this.heldByUser.get(userId) ?? 0) + 1);
    return this.enter("interactive", () => this.giveBack(userId), {
      signal: options.signal,
      onPosition: options.onPosition,
      cancelled: () => new AppError("bad_request", "The assessment was cancelled while it waited."),
    });
  }

  /**
   * One evaluation lane's request: resolves with a release function once the
   * lane may send a sample, which is when a slot is free, no person waits
   * for it, and the runs' lanes hold less than their share. Never refused;
   * rejects only when `signal` aborts while it waits.
   */
  /** Whether an evaluation lane holding a slot should give it back after its sample: someone waits for one. */
  shouldHandOver(): boolean {
    return this.waiting.interactive.length + this.waiting.evaluation.length > 0;
  }

  acquireForEvaluation(options: { signal?: AbortSignal } = {}): Promise<() => void> {
    if (options.signal?.aborted)
      return Promise.reject(new AppError("bad_request", "The evaluation run was stopped before its lane started."));
    return this.enter("evaluation", () => undefined, {
      signal: options.signal,
      cancelled: () => new AppError("bad_request", "The evaluation run was stopped while its lane waited."),
    });
  }

  private enter(
    kind: AdmissionClass,
    giveBack: () => void,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void; cancelled: () => AppError },
  ): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inFlight--;
      if (kind === "evaluation") this.evaluationInFlight--;
      giveBack();
      this.startWaiting();
    };
    if (canStartAtOnce(kind, this.use(), this.countWaiting(), this.slots)) {
      this.take(kind);
      return Promise.resolve(release);
    }
    const line = this.waiting[kind];
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        onPosition: options.onPosition,
        start: () => {
          options.signal?.removeEventListener("abort", leave);
          resolve(release);
        },
      };
      const leave = () => {
        const index = line.indexOf(waiter);
        if (index < 0) return;
        line.splice(index, 1);
        giveBack();
        this.announcePositions(kind, index);
        reject(options.cancelled());
      };
      options.signal?.addEventListener("abort", leave, { once: true });
      line.push(waiter);
      options.onPosition?.(line.length);
    });
  }

  private use() {
    return { inFlight: this.inFlight, evaluationInFlight: this.evaluationInFlight };
  }

  private countWaiting() {
    return { interactive: this.waiting.interactive.length, evaluation: this.waiting.evaluation.length };
  }

  private take(kind: AdmissionClass): void {
    this.inFlight++;
    if (kind === "evaluation") this.evaluationInFlight++;
  }

  private giveBack(userId: string): void {
    const held = (this.heldByUser.get(userId) ?? 1) - 1;
    if (held > 0) this.heldByUser.set(userId, held);
    else this.heldByUser.delete(userId);
  }

  /** Hands freed slots out as the policy says, waking each waiter it picks (no polling: this runs on every release). */
  private startWaiting(): void {
    for (
      let kind = chooseNextAdmission(this.use(), this.countWaiting(), this.slots);
      kind;
      kind = chooseNextAdmission(this.use(), this.countWaiting(), this.slots)
    ) {
      const next = this.waiting[kind].shift()!;
      this.take(kind);
      next.start();
      this.announcePositions(kind, 0);
    }
  }

  /** Tells every waiter of a line from `from` on its new place. */
  private announcePositions(kind: AdmissionClass, from: number): void {
    this.waiting[kind].slice(from).forEach((waiter, offset) => waiter.onPosition?.(from + offset + 1));
  }
}
