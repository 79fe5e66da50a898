import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Admission control for one model endpoint, which vLLM does not do itself:
 * at most `maxInFlight` requests run, at most `maxQueued` wait in order
 * (each told its place as it changes), and one person holds at most
 * `maxPerUser` places, running or waiting. Past that the answer is 429 with
 * Retry-After, at once, instead of an unbounded wait.
 */

export type AdmissionLimits = { maxInFlight: number; maxQueued: number; maxPerUser: number };

export const defaultAdmissionLimits: AdmissionLimits = { maxInFlight: 8, maxQueued: 64, maxPerUser: 2 };

type Waiter = { userId: string; start(): void; onPosition?: (position: number) => void };

export class AdmissionQueue {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private readonly heldByUser = new Map<string, number>();

  constructor(private readonly limits: AdmissionLimits = defaultAdmissionLimits) {}

  get stats(): { inFlight: number; queued: number } {
    return { inFlight: this.inFlight, queued: this.waiting.length };
  }

  /**
   * Resolves with a release function once the request may run. `onPosition`
   * hears 1, 2, … while waiting (not called when a slot is free at once).
   */
  /** Why a request of this person would be refused now, or null: lets an API answer 429 before it starts a stream. */
  findRefusal(userId: string): AppError | null {
    const held = this.heldByUser.get(userId) ?? 0;
    if (held >= this.limits.maxPerUser) {
      return new AppError("rate_limited", `You already have ${held} assessments running or waiting; wait for one to finish.`, { retryAfterSeconds: 5 });
    }
    if (this.inFlight >= this.limits.maxInFlight && this.waiting.length >= this.limits.maxQueued) {
      return new AppError("rate_limited", "The model server's queue is full. Try again shortly.", { retryAfterSeconds: 10 });
    }
    return null;
  }

  acquire(userId: string, options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {}): Promise<() => void> {
    const refusal = this.findRefusal(userId);
    if (refusal) return Promise.reject(refusal);
    const held = this.heldByUser.get(userId) ?? 0;
    if (options.signal?.aborted) return Promise.reject(new AppError("bad_request", "The assessment was cancelled before it started."));
    this.heldByUser.set(userId, held + 1);

    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.giveBack(userId);
      this.startNext();
    };
    if (this.inFlight < this.limits.maxInFlight) {
      this.inFlight++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        userId,
        onPosition: options.onPosition,
        start: () => {
          options.signal?.removeEventListener("abort", leave);
          resolve(release);
        },
      };
      const leave = () => {
        const index = this.waiting.indexOf(waiter);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        this.giveBack(userId);
        this.announcePositions(index);
        reject(new AppError("bad_request", "The assessment was cancelled while it waited."));
      };
      options.signal?.addEventListener("abort", leave, { once: true });
      this.waiting.push(waiter);
      options.onPosition?.(this.waiting.length);
    });
  }

  private giveBack(userId: string): void {
    const held = (this.heldByUser.get(userId) ?? 1) - 1;
    if (held > 0) this.heldByUser.set(userId, held);
    else this.heldByUser.delete(userId);
  }

  private startNext(): void {
    const next = this.waiting.shift();
    if (!next) return;
    this.inFlight++;
    next.start();
    this.announcePositions(0);
  }

  /** Tells every waiter from `from` on its new place. */
  private announcePositions(from: number): void {
    this.waiting.slice(from).forEach((waiter, offset) => waiter.onPosition?.(from + offset + 1));
  }
}
