import "server-only";
import { AppError } from "@/lib/errors";

/**
 * The instance's life as a load balancer and the work it owns see it:
 * starting, ready, then draining once SIGTERM arrives. Draining turns
 * readiness off at once, so a balancer stops sending new people here, and
 * asks every registered piece of long work to finish or let go (leave its
 * row for another instance or the next start) before a deadline.
 *
 * Kept on globalThis because Next bundles the server more than once
 * (instrumentation, route handlers): the readiness route must see the state
 * the start-up code set.
 */

/** Told the moment draining starts; resolves once its work has finished or let go. */
export type LetGo = (deadline: Date) => Promise<void> | void;

type Lifecycle = { ready: boolean; draining: boolean; letGo: Map<string, LetGo> };

const holderKey = Symbol.for("preferthinker-studio.lifecycle");
const holder = globalThis as { [holderKey]?: Lifecycle };

function lifecycle(): Lifecycle {
  holder[holderKey] ??= { ready: false, draining: false, letGo: new Map() };
  return holder[holderKey];
}

/** Called once the database is open and migrated and the instance can serve. */
export function markReady(): void {
  lifecycle().ready = true;
}

/** Whether a load balancer should send this instance new requests. */
export function isReady(): boolean {
  const state = lifecycle();
  return state.ready && !state.draining;
}

/** True from the moment SIGTERM arrives: no new long work may start here. */
export function isDraining(): boolean {
  return lifecycle().draining;
}

/** Refuses new long work once the instance drains: the caller retries and reaches an instance that stays. */
export function assertTakingNewWork(): void {
  if (isDraining()) {
    throw new AppError("unavailable", "This server is shutting down: try again in a moment.", {
      retryAfterSeconds: 1,
    });
  }
}

/**
 * Registers what a piece of long work does when the instance drains; the
 * name keeps a module that is loaded twice from registering twice. Returns
 * a function that takes the registration back.
 */
export function onDrain(name: string, letGo: LetGo): () => void {
  const { letGo: registry } = lifecycle();
  registry.set(name, letGo);
  return () => {
    if (registry.get(name) === letGo) registry.delete(name);
  };
}

/**
 * Turns the instance unready and asks every registered piece of work to let
 * go, waiting for them until `graceMs` has passed. Returns the names of
 * those that had not finished by then, or failed, so the caller can say so.
 */
export async function drain(graceMs: number): Promise<{ unfinished: string[] }> {
  const state = lifecycle();
  state.draining = true;
  const deadline = new Date(Date.now() + graceMs);
  const entries = [...state.letGo.entries()];
  const settled = new Set<string>();
  const letting = entries.map(async ([name, letGo]) => {
    try {
      await letGo(deadline);
      settled.add(name);
    } catch (error) {
      console.error(`[server] ${name} did not let go cleanly:`, error);
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([Promise.all(letting), graceOver]);
  clearTimeout(timer);
  return { unfinished: entries.map(([name]) => name).filter((name) => !settled.has(name)) };
}
