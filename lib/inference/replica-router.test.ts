import { afterEach, describe, expect, it } from "vitest";
import { ReplicaRouter } from "./replica-router";

const routers: ReplicaRouter[] = [];
afterEach(() => {
  for (const router of routers.splice(0)) router.stop();
});

function routerOf(urls: string[], options: { perReplicaLimit?: number; answering?: Set<string> } = {}) {
  const router = new ReplicaRouter(urls, {
    perReplicaLimit: options.perReplicaLimit ?? 4,
    probe: async (url) => options.answering?.has(url) ?? true,
    probeIntervalMs: 60_000,
  });
  routers.push(router);
  return router;
}

describe("choosing a replica", () => {
  it("sends each request to the replica with the fewest open, in turn when they are even", () => {
    const router = routerOf(["http://a/v1", "http://b/v1"]);
    const first = router.acquire(undefined)!;
    const second = router.acquire(undefined)!;
    expect(new Set([first.url, second.url])).toEqual(new Set(["http://a/v1", "http://b/v1"]));
    first.release();
    expect(router.acquire(undefined)!.url).toBe(first.url);
    expect(router.state().map((replica) => replica.inFlight)).toEqual([1, 1]);
  });

  it("keeps a reference set on the replica that served it last while that one has room, then yields", () => {
    const router = routerOf(["http://a/v1", "http://b/v1"], { perReplicaLimit: 2 });
    const first = router.acquire("person-1")!;
    const again = router.acquire("person-1")!;
    expect(again.url).toBe(first.url);
    // Full now: the third goes to the other replica, and the key follows it there.
    const third = router.acquire("person-1")!;
    expect(third.url).not.toBe(first.url);
    first.release();
    again.release();
    expect(router.acquire("person-1")!.url).toBe(third.url);
  });

  it("spreads by load alone when affinity is off", () => {
    const router = new ReplicaRouter(["http://a/v1", "http://b/v1"], {
      perReplicaLimit: 4,
      probe: async () => true,
      probeIntervalMs: 60_000,
      affinity: false,
    });
    routers.push(router);
    const first = router.acquire("person-1")!;
    expect(router.acquire("person-1")!.url).not.toBe(first.url);
  });

  it("skips the replicas a request has tried, and answers null once it has tried them all", () => {
    const router = routerOf(["http://a/v1", "http://b/v1"]);
    expect(router.acquire(undefined, new Set(["http://a/v1"]))!.url).toBe("http://b/v1");
    expect(router.acquire(undefined, new Set(["http://a/v1", "http://b/v1"]))).toBeNull();
  });

  it("takes a replica that refused a connection out, and lets a health probe bring it back", async () => {
    const answering = new Set(["http://b/v1"]);
    const router = routerOf(["http://a/v1", "http://b/v1"], { answering });
    const onA = router.acquire(undefined, new Set(["http://b/v1"]))!;
    onA.failed("connect ECONNREFUSED", true);
    onA.release();
    for (let index = 0; index < 4; index++) expect(router.acquire(undefined)!.url).toBe("http://b/v1");
    expect(router.state()[0]).toMatchObject({ healthy: false, errors: 1, lastError: "connect ECONNREFUSED" });

    answering.add("http://a/v1");
    await router.probeAll();
    expect(router.state()[0]!.healthy).toBe(true);
    expect(router.acquire(undefined)!.url).toBe("http://a/v1");
  });

  it("counts a 5xx or 429 as an error without taking the replica out", () => {
    const router = routerOf(["http://a/v1", "http://b/v1"]);
    const lease = router.acquire(undefined)!;
    lease.failed("HTTP 503", false);
    lease.release();
    expect(router.state().every((replica) => replica.healthy)).toBe(true);
    expect(router.state().reduce((sum, replica) => sum + replica.errors, 0)).toBe(1);
  });

  it("takes out a replica that fails its probe, and still tries one when none is healthy", async () => {
    const router = routerOf(["http://a/v1", "http://b/v1"], { answering: new Set(["http://a/v1"]) });
    await router.probeAll();
    expect(router.state().map((replica) => replica.healthy)).toEqual([true, false]);
    for (let index = 0; index < 3; index++) expect(router.acquire(undefined)!.url).toBe("http://a/v1");
    // Everything healthy tried: the one marked down is better than no answer.
    expect(router.acquire(undefined, new Set(["http://a/v1"]))!.url).toBe("http://b/v1");
  });

  it("reports the median time to first token of each replica", async () => {
    const router = routerOf(["http://a/v1"]);
    for (const wait of [5, 30, 60]) {
      const lease = router.acquire(undefined)!;
      await new Promise((resolve) => setTimeout(resolve, wait));
      lease.firstToken();
      lease.release();
    }
    const [replica] = router.state();
    expect(replica!.requests).toBe(3);
    expect(replica!.medianFirstTokenMs).toBeGreaterThanOrEqual(25);
    expect(replica!.medianFirstTokenMs).toBeLessThan(60);
  });

  it("releases a lease once however often it is released", () => {
    const router = routerOf(["http://a/v1"]);
    const lease = router.acquire(undefined)!;
    lease.release();
    lease.release();
    expect(router.state()[0]!.inFlight).toBe(0);
  });
});
