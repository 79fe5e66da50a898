import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { openTestDatabase } from "@/test/test-databases";
import { createBenchmarkSubsets } from "./benchmark-subsets";
import { createEvaluationRun, setRunStatus, sumRunTotals } from "./evaluation-runs";
import {
  claimSample,
  claimTasks,
  type CompletedSample,
  completeTasks,
  countRunTasks,
  failTaskAttempt,
  findRunsWithClaimableTasks,
  finishRunIfDone,
  releaseTasks,
  renewLeases,
} from "./evaluation-tasks";
import type { Database } from "./open-database";

/**
 * The claims that let any number of instances share a run: what one lane
 * holds no other gets, the run's concurrency holds over all of them, a lease
 * that runs out frees its task, and a run ends once, when nothing is open.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function result(sampleId: string): CompletedSample {
  return {
    sampleId,
    output: "<answer>Image A</answer>",
    parsed: {},
    strictCorrect: true,
    lenientCorrect: true,
    formatValid: true,
    issueCodes: [],
    officialCorrect: null,
    milliseconds: 10,
    cached: false,
    keepKey: null,
  };
}

describe.each(["embedded", "postgres"] as const)("evaluation tasks (%s database)", (kind) => {
  let database: Database;
  let ownerId: string;
  let subsetId: string;

  async function newRun(concurrency: number, status: "queued" | "running" = "running"): Promise<string> {
    const run = await createEvaluationRun(database, {
      ownerId,
      subsetId,
      provider: "baseline",
      endpoint: "baseline",
      model: "baseline-image-statistics",
      mode: "fast",
      templateId: "preferthinker-v1",
      history: 5,
      concurrency,
      source: "app",
      status,
    });
    return run.id;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ownerId = (await createPersonWithRoles(database, `tasks-${kind}@example.com`, ["researcher"])).id;
    const ids = () => Array.from({ length: 5 }, () => randomUUID());
    const [subset] = await createBenchmarkSubsets(database, ownerId, [
      {
        name: "TASKS",
        source: "test",
        samples: Array.from({ length: 10 }, (_, index) => ({
          index,
          // The official order is not the index order: claims must follow it.
          officialOrder: (index * 7) % 10,
          imageAId: randomUUID(),
          imageBId: randomUUID(),
          preferredImageIds: ids(),
          nonPreferredImageIds: ids(),
          imageAPath: `a${index}.png`,
          imageBPath: `b${index}.png`,
          preferredPaths: [],
          nonPreferredPaths: [],
          label: "Image A",
          userId: null,
          preferAttributes: null,
          nonPreferAttributes: null,
        })),
      },
    ]);
    subsetId = subset!.id;
  });

  afterAll(async () => {
    await database.close();
  });

  it("gives each sample to one lane only, in the official order, even to lanes of two instances claiming at once", async () => {
    const runId = await newRun(10);
    const [first, second] = await Promise.all([
      claimTasks(database, { runId, owner: "instance-a", leaseSeconds: 30, limit: 5 }),
      claimTasks(database, { runId, owner: "instance-b", leaseSeconds: 30, limit: 5 }),
    ]);
    const claimed = [...first, ...second].map((task) => task.sampleId);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed).size).toBe(10);
    const orders = await database.prisma.evaluationTask.findMany({
      where: { runId },
      select: { sampleId: true, officialOrder: true },
    });
    const orderOf = new Map(orders.map((task) => [task.sampleId, task.officialOrder]));
    // Whoever came first got the first five of the official order.
    const firstOrders = first.map((task) => orderOf.get(task.sampleId)!).sort((a, b) => a - b);
    const secondOrders = second.map((task) => orderOf.get(task.sampleId)!).sort((a, b) => a - b);
    expect([firstOrders, secondOrders].sort((a, b) => a[0]! - b[0]!)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    expect(await claimTasks(database, { runId, owner: "instance-c", leaseSeconds: 30, limit: 5 })).toEqual([]);
  });

  it("holds the run's concurrency over every instance: claims past it get nothing until a result frees a place", async () => {
    const runId = await newRun(3);
    const a = await claimTasks(database, { runId, owner: "instance-a", leaseSeconds: 30, limit: 2 });
    const b = await claimTasks(database, { runId, owner: "instance-b", leaseSeconds: 30, limit: 2 });
    expect([a.length, b.length]).toEqual([2, 1]);
    expect(await claimTasks(database, { runId, owner: "instance-b", leaseSeconds: 30, limit: 1 })).toEqual([]);
    expect(await completeTasks(database, runId, [result(a[0]!.sampleId)])).toBe(1);
    expect(await claimTasks(database, { runId, owner: "instance-b", leaseSeconds: 30, limit: 2 })).toHaveLength(1);
    expect(await countRunTasks(database, runId)).toEqual({ pending: 6, claimed: 3, done: 1, failed: 0 });
  });

  it("claims nothing of a run that is not running", async () => {
    const runId = await newRun(4, "queued");
    expect(await claimTasks(database, { runId, owner: "instance-a", leaseSeconds: 30, limit: 4 })).toEqual([]);
    await setRunStatus(database, runId, ["queued"], { status: "cancelled" });
    expect(await claimTasks(database, { runId, owner: "instance-a", leaseSeconds: 30, limit: 4 })).toEqual([]);
    expect(await findRunsWithClaimableTasks(database)).not.toContain(runId);
  });

  it("frees the tasks of an instance that stopped renewing once their lease runs out, and keeps those renewed", async () => {
    const runId = await newRun(4);
    const dead = await claimTasks(database, { runId, owner: "dead", leaseSeconds: 0.3, limit: 2 });
    const alive = await claimTasks(database, { runId, owner: "alive", leaseSeconds: 0.3, limit: 2 });
    // Four live leases: the run's concurrency is taken.
    expect(await claimTasks(database, { runId, owner: "heir", leaseSeconds: 30, limit: 4 })).toEqual([]);
    await sleep(150);
    expect(await renewLeases(database, "alive", 30)).toBe(2);
    await sleep(300);
    const taken = await claimTasks(database, { runId, owner: "heir", leaseSeconds: 30, limit: 4 });
    // The dead instance's two (first in the official order), none of the living one's: it still holds two places.
    expect(taken.map((task) => task.sampleId)).toEqual(dead.map((task) => task.sampleId));
    expect(alive.map((task) => task.sampleId)).not.toContain(taken[0]!.sampleId);
    // A reclaimed task counts its attempts.
    expect(taken.map((task) => task.attempts)).toEqual([2, 2]);
  });

  it("gives back an instance's tasks at once when it lets go, without counting the attempt", async () => {
    const runId = await newRun(4);
    const held = await claimTasks(database, { runId, owner: "leaving", leaseSeconds: 30, limit: 4 });
    expect(await releaseTasks(database, "leaving", runId)).toBe(4);
    const again = await claimTasks(database, { runId, owner: "staying", leaseSeconds: 30, limit: 4 });
    expect(again.map((task) => task.sampleId)).toEqual(held.map((task) => task.sampleId));
    expect(again.map((task) => task.attempts)).toEqual([1, 1, 1, 1]);
  });

  it("claims a sample and reads it in one step, in the official order, as the ORM would read it", async () => {
    const runId = await newRun(1);
    const lane = { runId, owner: "a", leaseSeconds: 30 };
    const claimed = await claimSample(database, lane);
    const first = await database.prisma.benchmarkSample.findFirstOrThrow({
      where: { subsetId },
      orderBy: { officialOrder: "asc" },
    });
    expect(claimed).toEqual(first);
    // The run's one place is taken: nothing more until its result is stored.
    expect(await claimSample(database, lane)).toBeNull();
    await completeTasks(database, runId, [result(first.id)]);
    expect((await claimSample(database, lane))?.officialOrder).toBe(first.officialOrder + 1);
  });

  it("retries a failed sample after its wait, then fails it for good with its error", async () => {
    const runId = await newRun(1);
    const retry = { maxAttempts: 2, backoffSeconds: 0.2 };
    const error = { code: "model_error", message: "Sample 3: the model server answered 400" };
    const [first] = await claimTasks(database, { runId, owner: "a", leaseSeconds: 30, limit: 1 });
    expect(await failTaskAttempt(database, { runId, sampleId: first!.sampleId }, error, retry)).toBe(false);
    // Waiting out its backoff, the next sample comes first.
    const [next] = await claimTasks(database, { runId, owner: "a", leaseSeconds: 30, limit: 1 });
    expect(next!.sampleId).not.toBe(first!.sampleId);
    await completeTasks(database, runId, [result(next!.sampleId)]);
    await sleep(300);
    const [again] = await claimTasks(database, { runId, owner: "a", leaseSeconds: 30, limit: 1 });
    expect(again).toEqual({ sampleId: first!.sampleId, attempts: 2 });
    expect(await failTaskAttempt(database, { runId, sampleId: first!.sampleId }, error, retry)).toBe(true);
    const stored = await database.prisma.evaluationTask.findUniqueOrThrow({
      where: { runId_sampleId: { runId, sampleId: first!.sampleId } },
    });
    expect(stored).toMatchObject({ status: "failed", attempts: 2, leaseOwner: null, error });
  });

  it("ends a run once, when nothing is open: completed below the failure share, failed past it with the count and the last error", async () => {
    const finish = async (failures: number, share: number) => {
      const runId = await newRun(10);
      const tasks = await claimTasks(database, { runId, owner: "a", leaseSeconds: 30, limit: 10 });
      const failing = tasks.slice(0, failures);
      for (const task of failing)
        await failTaskAttempt(
          database,
          { runId, sampleId: task.sampleId },
          { code: "model_error", message: `Sample x: refused` },
          { maxAttempts: 1, backoffSeconds: 1 },
        );
      await completeTasks(
        database,
        runId,
        tasks.slice(failures, -1).map((task) => result(task.sampleId)),
      );
      // One sample still open: not finished yet.
      expect(await finishRunIfDone(database, runId, share)).toBeNull();
      await completeTasks(database, runId, [result(tasks.at(-1)!.sampleId)]);
      const [ended, twice] = await Promise.all([
        finishRunIfDone(database, runId, share),
        finishRunIfDone(database, runId, share),
      ]);
      expect([ended, twice].filter((status) => status !== null)).toHaveLength(1);
      return database.prisma.evaluationRun.findUniqueOrThrow({ where: { id: runId } });
    };
    expect(await finish(1, 0.1)).toMatchObject({ status: "completed", error: null });
    const failed = await finish(2, 0.1);
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({
      code: "samples_failed",
      message: "2 of 10 samples failed after every retry; the last error: Sample x: refused",
    });
  });
  it("sums an ended run once it has settled, and a resumed run afresh", async () => {
    const runId = await newRun(10);
    const tasks = await claimTasks(database, { runId, owner: "a", leaseSeconds: 30, limit: 10 });
    await completeTasks(
      database,
      runId,
      tasks.slice(0, 4).map((task) => result(task.sampleId)),
    );
    // Ended two minutes ago: settled.
    await setRunStatus(database, runId, ["running"], {
      status: "cancelled",
      finishedAt: new Date(Date.now() - 120_000),
    });
    const totalsOf = async () => {
      const run = await database.prisma.evaluationRun.findUniqueOrThrow({ where: { id: runId } });
      return (await sumRunTotals(database, [run])).get(runId)!;
    };
    expect((await totalsOf()).done).toBe(4);
    expect((await totalsOf()).done).toBe(4);
    // Resumed: running again, its totals follow its results.
    await setRunStatus(database, runId, ["cancelled"], { status: "running", finishedAt: null });
    await completeTasks(database, runId, [result(tasks[4]!.sampleId)]);
    expect((await totalsOf()).done).toBe(5);
    await setRunStatus(database, runId, ["running"], {
      status: "cancelled",
      finishedAt: new Date(Date.now() - 90_000),
    });
    expect((await totalsOf()).done).toBe(5);
  });
});
