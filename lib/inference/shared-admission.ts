import "server-only";
import { randomUUID } from "node:crypto";
import {
  admissionChannel,
  announceWaiting,
  type Grants,
  grantsSchema,
  joinLine,
  leaveLine,
  type LineLimits,
  readLine,
  readPlaces,
  type Refusal,
  renewTickets,
  tidyLine,
  dropInstanceTickets,
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
  /**
   * Whether an evaluation lane holding a place should give it back after its
   * sample rather than keep it for its next one: someone waits for a slot.
   */
  shouldHandOver(): boolean;
  /** Slots in use and places waiting, for everyone the admission serves (the installation, or this process). */
  readStats(): Promise<AdmissionStats>;
  /** The slots evaluation lanes may hold together at this endpoint. */
  readonly evaluationSlots: number;
}

export type AdmissionStats = { inFlight: number; queued: number; evaluationInFlight: number; evaluationQueued: number };

/**
 * Whose places these are, and how long each kind outlives its instance: a
 * person's assessment's place as long as the assessment (ASSESSMENT_LEASE_S),
 * an evaluation lane's as long as its sample's claim (EVAL_LEASE_S), so a dead
 * instance's run is taken up elsewhere within one lease.
 */
export type PlaceLease = { instance: string; seconds: Record<AdmissionClass, number> };

type Waiter = {
  kind: AdmissionClass;
  position?: number;
  onPosition?: (position: number) => void;
  start(): void;
  fail(error: AppError): void;
};

export class SharedAdmission implements EndpointAdmission {
  private readonly waiters = new Map<string, Waiter>();
  /** Places this process holds a slot with, and whose they are. */
  private readonly held = new Map<string, AdmissionClass>();
  /** Places being given back: they count as held until the database has them back. */
  private readonly givingBack = new Set<Promise<void>>();
  private looking: Promise<void> | null = null;
  private lookAgain = false;
  private poll: NodeJS.Timeout | null = null;
  /**
   * A place waits somewhere in the installation (announced by the instance it
   * joined on): until one of this instance's lanes is granted a slot, which
   * people and earlier lanes get first, lanes here give their places back.
   */
  private othersWait = false;

  constructor(
    private readonly database: Database,
    readonly endpoint: string,
    private readonly limits: LineLimits,
    private readonly lease: PlaceLease,
  ) {}

  get localStats(): LocalStats {
    return { inFlight: this.held.size + this.givingBack.size, queued: this.waiters.size };
  }

  /** Renews the leases of the places this process holds or waits for (and only those: one it gave up must run out). */
  async renew(): Promise<void> {
    const places = [...this.held, ...[...this.waiters].map(([id, waiter]) => [id, waiter.kind] as const)];
    for (const kind of ["interactive", "evaluation"] as const) {
      const ids = places.filter(([, of]) => of === kind).map(([id]) => id);
      await renewTickets(this.database, this.endpoint, ids, this.lease.seconds[kind]);
    }
  }

  shouldHandOver(): boolean {
    return this.othersWait || this.waiters.size > 0;
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
    if (!joined.granted) this.announceWaiting();
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
    if (joined.granted) this.othersWait = false;
    else this.announceWaiting();
    return this.waitForTurn(id, "evaluation", joined.granted, options, () => {
      return new AppError("bad_request", "The evaluation run was stopped while its lane waited.");
    });
  }

  /** Called with the places a change to this line granted (empty: unknown, look), or told that a place waits. */
  heardGrants(granted: readonly string[], waiting = false): void {
    if (waiting) {
      this.othersWait = true;
      return;
    }
    for (const id of granted) this.waiters.get(id)?.start();
    const peopleWait = [...this.waiters.values()].some((waiter) => waiter.kind === "interactive");
    if (granted.length === 0 || peopleWait) void this.look();
  }

  /** Places and leases of instances that went away: drop them and hand their slots on. */
  tidy(): Promise<void> {
    return tidyLine(this.database, this.endpoint, this.limits);
  }

  private announceWaiting(): void {
    announceWaiting(this.database, this.endpoint).catch((error: unknown) =>
      // Lanes keeping their places still give them back every few samples.
      console.error(`[admission] could not announce a waiting place at ${this.endpoint}:`, error),
    );
  }

  private ticket(id: string, kind: AdmissionClass, userId: string | null) {
    return {
      id,
      endpoint: this.endpoint,
      kind,
      userId,
      instance: this.lease.instance,
      leaseSeconds: this.lease.seconds[kind],
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
      this.giveBack(id);
    };
    if (granted) {
      this.held.set(id, kind);
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
          if (kind === "evaluation") this.othersWait = false;
          this.held.set(id, kind);
          resolve(release);
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      });
      options.signal?.addEventListener("abort", leave, { once: true });
      // Stopped while the place was being taken: the listener came too late to hear it.
      if (options.signal?.aborted) return leave();
      this.poll ??= setInterval(() => void this.look(), 1000);
      this.poll.unref();
      // A grant may have landed between joining and listening: look once now.
      void this.look();
    });
  }

  /** Gives a place back, trying again a little later if the database does not answer; it counts as held until then. */
  private giveBack(id: string): void {
    this.held.delete(id);
    const giving = (async () => {
      for (const delayMs of [0, 200, 1000]) {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        try {
          await leaveLine(this.database, this.endpoint, id, this.limits);
          return;
        } catch (error) {
          if (delayMs === 1000 || this.database.isClosed)
            // No longer renewed, the place runs out within a lease, and any instance's next tidy hands its slot on.
            return console.error(`[admission] could not give back a place at ${this.endpoint}:`, error);
        }
      }
    })();
    this.givingBack.add(giving);
    void giving.finally(() => this.givingBack.delete(giving));
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
  lease: PlaceLease,
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

/** An announcement heard on the admission channel, or null when it is not one. */
export function parseGrants(payload: string): Grants | null {
  try {
    const parsed = grantsSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function startBackground(database: Database, admissions: Shared, lease: PlaceLease): void {
  database
    .listen(admissionChannel, (payload) => {
      const grants = parseGrants(payload);
      if (grants) admissions.get(grants.endpoint)?.heardGrants(grants.granted, grants.waiting === true);
    })
    .catch((error: unknown) => {
      // Waiters still learn of their grants by looking every second.
      console.error("[admission] could not listen for grants:", error);
    });
  const timer = setInterval(
    () => {
      if (database.isClosed) return clearInterval(timer);
      for (const admission of admissions.values()) {
        admission
          .renew()
          .then(() => admission.tidy())
          .catch((error: unknown) =>
            console.error(`[admission] could not renew or tidy ${admission.endpoint}:`, error),
          );
      }
    },
    (Math.min(lease.seconds.interactive, lease.seconds.evaluation) * 1000) / 3,
  );
  timer.unref();
}

/**
 * An instance that closes gives up its places on every endpoint (what it held
 * or waited for has ended with it) and hands their slots on at once, rather
 * than leaving them for their leases to run out.
 */
export async function closeSharedAdmission(database: Database, instance: string): Promise<void> {
  const admissions = sharedByDatabase.get(database);
  if (!admissions) return;
  await dropInstanceTickets(database, instance);
  await Promise.all([...admissions.values()].map((admission) => admission.tidy()));
}
