import "server-only";
import { randomUUID } from "node:crypto";
import {
  admissionChannel,
  type Grants,
  joinLine,
  leaveLine,
  type LineLimits,
  readLine,
  readPlaces,
  type Refusal,
  renewTickets,
  tidyLine,
} from "@/lib/db/admission-tickets";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import type { AdmissionClass } from "./capacity-policy";

/**
 * Admission to one model endpoint for a whole installation of instances
 * sharing a PostgreSQL server: the same promises as the in-process
 * AdmissionQueue (in-flight limit, bounded line of people, per-person
 * limit, the evaluation share), kept by places in the database
 * (lib/db/admission-tickets.ts), so a limit of 4 means 4 at the model
 * server whatever the number of instances. A waiting place is woken by the
 * notification of its grant, or by a look every second should one be lost;
 * this instance renews its places' leases every third of a lease, so a
 * crashed instance's places free their slots within one.
 */

/** A person's place, taken or refused at once; `turn` resolves with the release once a slot is theirs. */
export type Reservation = { turn: Promise<() => void> };

/** Requests of this process at an endpoint: running, and waiting for a slot. */
export type LocalStats = { inFlight: number; queued: number };

/** What assessments and evaluation lanes ask of an endpoint's admission, in one process or across several. */
export interface EndpointAdmission {
  reserve(
    userId: string,
    options?: { signal?: AbortSignal; onPosition?: (position: number) => void },
  ): Promise<Reservation>;
  acquireForEvaluation(options?: { signal?: AbortSignal }): Promise<() => void>;
  readonly localStats: LocalStats;
  /** Slots in use and places waiting, for everyone the admission serves (the installation, or this process). */
  readStats(): Promise<AdmissionStats>;
  /** The slots evaluation lanes may hold together at this endpoint. */
  readonly evaluationSlots: number;
}

export type AdmissionStats = { inFlight: number; queued: number; evaluationInFlight: number; evaluationQueued: number };

type Waiter = {
  kind: AdmissionClass;
  position?: number;
  onPosition?: (position: number) => void;
  start(): void;
  fail(error: AppError): void;
};

export class SharedAdmission implements EndpointAdmission {
  private readonly waiters = new Map<string, Waiter>();
  private held = 0;
  private looking: Promise<void> | null = null;
  private lookAgain = false;
  private poll: NodeJS.Timeout | null = null;

  constructor(
    private readonly database: Database,
    readonly endpoint: string,
    private readonly limits: LineLimits,
    private readonly lease: { instance: string; seconds: number },
  ) {}

  get localStats(): LocalStats {
    return { inFlight: this.held, queued: this.waiters.size };
  }

  get evaluationSlots(): number {
    return this.limits.evaluationSlots;
  }

  async readStats(): Promise<AdmissionStats> {
    const line = await readLine(this.database, this.endpoint);
    return {
      inFlight: line.inFlight,
      queued: line.waitingInteractive + line.waitingEvaluation,
      evaluationInFlight: line.evaluationInFlight,
      evaluationQueued: line.waitingEvaluation,
    };
  }

  async reserve(
    userId: string,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {},
  ): Promise<Reservation> {
    if (options.signal?.aborted) throw new AppError("bad_request", "The assessment was cancelled before it started.");
    const id = randomUUID();
    const joined = await joinLine(this.database, this.ticket(id, "interactive", userId), this.limits);
    if ("refusal" in joined) throw refusalError(joined.refusal);
    return {
      turn: this.waitForTurn(id, "interactive", joined.granted, options, () => {
        return new AppError("bad_request", "The assessment was cancelled while it waited.");
      }),
    };
  }

  async acquireForEvaluation(options: { signal?: AbortSignal } = {}): Promise<() => void> {
    if (options.signal?.aborted)
      throw new AppError("bad_request", "The evaluation run was stopped before its lane started.");
    const id = randomUUID();
    const joined = await joinLine(this.database, this.ticket(id, "evaluation", null), this.limits);
    if ("refusal" in joined) throw refusalError(joined.refusal);
    return this.waitForTurn(id, "evaluation", joined.granted, options, () => {
      return new AppError("bad_request", "The evaluation run was stopped while its lane waited.");
    });
  }

  /** Called with the places a change to this line granted (empty: unknown, look). */
  heardGrants(granted: readonly string[]): void {
    for (const id of granted) this.waiters.get(id)?.start();
    const peopleWait = [...this.waiters.values()].some((waiter) => waiter.kind === "interactive");
    if (granted.length === 0 || peopleWait) void this.look();
  }

  /** Places and leases of instances that went away: drop them and hand their slots on. */
  tidy(): Promise<void> {
    return tidyLine(this.database, this.endpoint, this.limits);
  }

  private ticket(id: string, kind: AdmissionClass, userId: string | null) {
    return {
      id,
      endpoint: this.endpoint,
      kind,
      userId,
      instance: this.lease.instance,
      leaseSeconds: this.lease.seconds,
    };
  }

  private waitForTurn(
    id: string,
    kind: AdmissionClass,
    granted: boolean,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void },
    cancelled: () => AppError,
  ): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.held--;
      this.giveBack(id);
    };
    if (granted) {
      this.held++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const settle = () => {
        this.waiters.delete(id);
        options.signal?.removeEventListener("abort", leave);
        if (this.waiters.size === 0 && this.poll) {
          clearInterval(this.poll);
          this.poll = null;
        }
      };
      const leave = () => {
        if (!this.waiters.has(id)) return;
        settle();
        this.giveBack(id);
        reject(cancelled());
      };
      this.waiters.set(id, {
        kind,
        onPosition: options.onPosition,
        start: () => {
          settle();
          this.held++;
          resolve(release);
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      });
      options.signal?.addEventListener("abort", leave, { once: true });
      this.poll ??= setInterval(() => void this.look(), 1000);
      this.poll.unref();
      // A grant may have landed between joining and listening: look once now.
      void this.look();
    });
  }

  private giveBack(id: string): void {
    leaveLine(this.database, this.endpoint, id, this.limits).catch((error: unknown) =>
      // The place's lease runs out instead, and any instance's next tidy hands the slot on.
      console.error(`[admission] could not give back a place at ${this.endpoint}:`, error),
    );
  }

  /** Reads where this instance's waiting places stand: starts the granted, tells people their position. */
  private look(): Promise<void> {
    if (this.looking) {
      this.lookAgain = true;
      return this.looking;
    }
    this.looking = (async () => {
      try {
        do {
          this.lookAgain = false;
          const ids = [...this.waiters.keys()];
          const places = await readPlaces(this.database, this.endpoint, ids);
          for (const id of ids) {
            const waiter = this.waiters.get(id);
            const place = places.get(id);
            if (!waiter) continue;
            if (!place) {
              waiter.fail(
                new AppError("unavailable", "This request lost its place at the model server; try again.", {
                  retryAfterSeconds: 1,
                }),
              );
            } else if (place.granted) waiter.start();
            else if (waiter.position !== place.position) {
              waiter.position = place.position;
              waiter.onPosition?.(place.position);
            }
          }
        } while (this.lookAgain);
      } catch (error) {
        console.error(`[admission] could not read the line at ${this.endpoint}:`, error);
      } finally {
        this.looking = null;
      }
    })();
    return this.looking;
  }
}

function refusalError(refusal: Refusal): AppError {
  return refusal.reason === "per_user"
    ? new AppError(
        "rate_limited",
        `You already have ${refusal.held} assessments running or waiting; wait for one to finish.`,
        { retryAfterSeconds: 5 },
      )
    : new AppError("rate_limited", "The model server's queue is full. Try again shortly.", { retryAfterSeconds: 10 });
}

type Shared = Map<string, SharedAdmission>;

// Per database (tests open several), on globalThis since Next bundles the server more than once.
const sharedKey = Symbol.for("preferthinker-studio.shared-admission");
const sharedByDatabase = ((globalThis as { [sharedKey]?: WeakMap<Database, Shared> })[sharedKey] ??= new WeakMap());

/**
 * The installation-wide admission of an endpoint, made on first use; the
 * first one on a database also starts this process's listener for grants,
 * the renewal of its places and the tidying of every line it knows.
 */
export function getSharedAdmission(
  database: Database,
  endpoint: string,
  limits: LineLimits,
  lease: { instance: string; seconds: number },
): SharedAdmission {
  let admissions = sharedByDatabase.get(database);
  if (!admissions) {
    admissions = new Map();
    sharedByDatabase.set(database, admissions);
    startBackground(database, admissions, lease);
  }
  let admission = admissions.get(endpoint);
  if (!admission) {
    admission = new SharedAdmission(database, endpoint, limits, lease);
    admissions.set(endpoint, admission);
  }
  return admission;
}

function startBackground(database: Database, admissions: Shared, lease: { instance: string; seconds: number }): void {
  database
    .listen(admissionChannel, (payload) => {
      let grants: Grants;
      try {
        grants = JSON.parse(payload) as Grants;
      } catch {
        return;
      }
      admissions.get(grants.endpoint)?.heardGrants(Array.isArray(grants.granted) ? grants.granted : []);
    })
    .catch((error: unknown) => {
      // Waiters still learn of their grants by looking every second.
      console.error("[admission] could not listen for grants:", error);
    });
  const timer = setInterval(
    () => {
      if (database.isClosed) return clearInterval(timer);
      renewTickets(database, lease.instance, lease.seconds).catch((error: unknown) =>
        console.error("[admission] could not renew this instance's places:", error),
      );
      for (const admission of admissions.values())
        admission.tidy().catch((error: unknown) => console.error("[admission] could not tidy a line:", error));
    },
    (lease.seconds * 1000) / 3,
  );
  timer.unref();
}
