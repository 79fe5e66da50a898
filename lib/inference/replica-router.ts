import "server-only";
import { checkModelServer } from "./check-model-server";

/**
 * The replicas of one model endpoint (one vLLM or SGLang server per GPU),
 * as this process sees them: which answer, how many of this process's
 * requests each has open, how fast each starts answering. A request goes to
 * the replica that served its reference set last (its prefix cache then
 * skips the references' prefill) while that replica has room, and otherwise
 * to the least loaded healthy one. A replica that refuses connections is
 * taken out at once, one that fails a health probe too; probes bring them back.
 */

export type ReplicaState = {
  url: string;
  healthy: boolean;
  inFlight: number;
  /** Requests sent to it by this process since it started. */
  requests: number;
  /** Requests that failed before their first token (refused, 5xx, 429, timed out). */
  errors: number;
  /** The median time to first token of its last requests, null before the first. */
  medianFirstTokenMs: number | null;
  lastError: string | null;
};

/** One request's hold on a replica, from choosing it to the end of its stream. */
export type ReplicaLease = {
  url: string;
  /** The first token arrived: the replica works, and its time to first token counts. */
  firstToken(): void;
  /** The request failed before its first token; `refused`: the replica could not be reached at all. */
  failed(reason: string, refused: boolean): void;
  /** The stream ended, however it ended; later calls do nothing. */
  release(): void;
};

type Replica = {
  url: string;
  healthy: boolean;
  inFlight: number;
  requests: number;
  errors: number;
  firstTokenMs: number[];
  lastError: string | null;
};

const firstTokenWindow = 50;
const affinityLimit = 10_000;

export type ReplicaRouterOptions = {
  /** Requests one replica takes at once before affinity yields to a less loaded one. */
  perReplicaLimit: number;
  /** Whether a replica answers (GET <url>/models); false or a throw takes it out. */
  probe: (url: string) => Promise<boolean>;
  probeIntervalMs: number;
  /** False: requests spread by load alone, whatever their key. */
  affinity?: boolean;
};

export class ReplicaRouter {
  private readonly replicas: Replica[];
  /** Affinity key → the replica that served it last, oldest first (a bounded map, dropped oldest first). */
  private readonly affinity = new Map<string, Replica>();
  private probing: NodeJS.Timeout | undefined;
  private turn = 0;

  constructor(
    urls: readonly string[],
    private readonly options: ReplicaRouterOptions,
  ) {
    if (urls.length === 0) throw new Error("An endpoint needs at least one replica.");
    this.replicas = urls.map((url) => ({
      url,
      healthy: true,
      inFlight: 0,
      requests: 0,
      errors: 0,
      firstTokenMs: [],
      lastError: null,
    }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /**
   * A replica for the next request, none of `excluded` (tried already by this
   * request): the affinity key's replica while it is healthy and has room,
   * else the healthy one with fewest requests open (ties in turn). When every
   * healthy one is excluded, a replica marked down is tried rather than none;
   * null when every replica is excluded.
   */
  acquire(affinityKey: string | undefined, excluded: ReadonlySet<string> = new Set()): ReplicaLease | null {
    this.startProbing();
    const open = this.replicas.filter((replica) => !excluded.has(replica.url));
    if (open.length === 0) return null;
    const healthy = open.filter((replica) => replica.healthy);
    const pool = healthy.length > 0 ? healthy : open;
    if (this.options.affinity === false) affinityKey = undefined;
    const preferred = affinityKey === undefined ? undefined : this.affinity.get(affinityKey);
    const chosen =
      preferred && pool.includes(preferred) && preferred.inFlight < this.options.perReplicaLimit
        ? preferred
        : this.leastLoaded(pool);
    if (affinityKey !== undefined) {
      this.affinity.delete(affinityKey);
      this.affinity.set(affinityKey, chosen);
      if (this.affinity.size > affinityLimit) this.affinity.delete(this.affinity.keys().next().value!);
    }
    return this.lease(chosen);
  }

  private leastLoaded(pool: Replica[]): Replica {
    const fewest = Math.min(...pool.map((replica) => replica.inFlight));
    const tied = pool.filter((replica) => replica.inFlight === fewest);
    return tied[this.turn++ % tied.length]!;
  }

  private lease(replica: Replica): ReplicaLease {
    const started = performance.now();
    let released = false;
    replica.inFlight++;
    replica.requests++;
    return {
      url: replica.url,
      firstToken: () => {
        replica.healthy = true;
        replica.firstTokenMs.push(performance.now() - started);
        if (replica.firstTokenMs.length > firstTokenWindow) replica.firstTokenMs.shift();
      },
      failed: (reason, refused) => {
        replica.errors++;
        replica.lastError = reason;
        if (refused) replica.healthy = false;
      },
      release: () => {
        if (released) return;
        released = true;
        replica.inFlight--;
      },
    };
  }

  state(): ReplicaState[] {
    return this.replicas.map((replica) => ({
      url: replica.url,
      healthy: replica.healthy,
      inFlight: replica.inFlight,
      requests: replica.requests,
      errors: replica.errors,
      medianFirstTokenMs: median(replica.firstTokenMs),
      lastError: replica.lastError,
    }));
  }

  /** Asks every replica whether it answers, now; those that do are in, the others out. */
  async probeAll(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (replica) => {
        const answers = await this.options.probe(replica.url).catch(() => false);
        replica.healthy = answers;
        if (!answers) replica.lastError = "It did not answer its health probe.";
      }),
    );
  }

  private startProbing(): void {
    // One replica has nowhere else to send its requests: nothing to learn from probing it.
    if (this.probing || this.replicas.length < 2) return;
    this.probing = setInterval(() => void this.probeAll(), this.options.probeIntervalMs);
    this.probing.unref();
  }

  stop(): void {
    clearInterval(this.probing);
    this.probing = undefined;
  }
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return Math.round(sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2);
}

const routersKey = Symbol.for("preferthinker-studio.replica-routers");
const routers = ((globalThis as { [routersKey]?: Map<string, ReplicaRouter> })[routersKey] ??= new Map());

/**
 * The process's router for an endpoint's replicas, made on first use and
 * kept (its counts and health are what GET /api/models reports); a changed
 * list of replicas makes a new one.
 */
export function getReplicaRouter(
  endpoint: { name: string; replicaUrls: readonly string[]; apiKey?: string; model?: string },
  settings: { perReplicaLimit: number; probeIntervalMs: number; affinity?: boolean },
): ReplicaRouter {
  const key = `${endpoint.name} ${endpoint.replicaUrls.join(" ")}${settings.affinity === false ? " no-affinity" : ""}`;
  let router = routers.get(key);
  if (!router) {
    router = new ReplicaRouter(endpoint.replicaUrls, {
      perReplicaLimit: settings.perReplicaLimit,
      probeIntervalMs: settings.probeIntervalMs,
      affinity: settings.affinity,
      probe: async (url) => (await checkModelServer({ apiUrl: url, name: endpoint.model, apiKey: endpoint.apiKey })).ok,
    });
    routers.set(key, router);
  }
  return router;
}
