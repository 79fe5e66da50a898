import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { RecordedRequest } from "../fake-model-server";
import { type Cluster, type Instance, startCluster, waitForReady } from "./cluster-harness";
import { signUp } from "./cluster-people";

/**
 * An evaluation run shared by instances on one PostgreSQL server, as a
 * rolling deploy or a crash meets it: a second instance starting during a
 * run sends no sample twice, a cancel sent to another instance stops the
 * model requests everywhere within a second, and a killed instance's run is
 * finished by the other, asking again only what was out at the kill.
 */

const leaseSeconds = 3;
const answer = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;
const benchmarkDir = mkdtempSync(join(tmpdir(), "studio-cluster-runs-"));

let cluster: Cluster;
let first: Instance;
let cookie: string;
let subsetId: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const allLogs = () => cluster.instances.map((instance) => instance.logs()).join("\n");

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}:\n${allLogs()}`);
    await sleep(100);
  }
}

function call(instance: Instance, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${instance.url}${path}`, {
    method,
    headers: { Origin: instance.url, Cookie: cookie, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

type RunJson = { id: string; status: string; progress: { done: number; failed: number; total: number } };

async function readRun(instance: Instance, id: string): Promise<RunJson> {
  const response = await call(instance, "GET", `/api/benchmarks/runs/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { run: RunJson }).run;
}

async function startRun(instance: Instance, concurrency: number): Promise<RunJson> {
  // Fresh outputs: every test runs the one subset, and a run reusing the outputs an earlier one kept would ask nothing.
  const response = await call(instance, "POST", "/api/benchmarks/runs", {
    subsetId,
    concurrency,
    mode: "fast",
    freshOutputs: true,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { run: RunJson }).run;
}

function waitForEnd(instance: Instance, id: string, timeoutMs = 90_000): Promise<RunJson> {
  return until(
    `run ${id} ends`,
    async () => {
      const run = await readRun(instance, id);
      return ["queued", "running"].includes(run.status) ? undefined : run;
    },
    timeoutMs,
  );
}

/** Each request's body stands for its sample: the pictures, in order, are the sample's. */
const sampleOf = (request: RecordedRequest) => JSON.stringify(request.body.messages);

function repeated(requests: RecordedRequest[]): string[] {
  const seen = new Map<string, number>();
  for (const request of requests) seen.set(sampleOf(request), (seen.get(sampleOf(request)) ?? 0) + 1);
  return [...seen].filter(([, times]) => times > 1).map(([sample]) => sample);
}

beforeAll(async () => {
  // 60 samples, as an operator's run might be; each takes the model half a second.
  await writeDemoBenchmark(join(benchmarkDir, "cluster"), { sizes: { TEST_SP_ID: 60 } });
  cluster = await startCluster({
    instances: 1,
    env: { BENCHMARK_DIR: benchmarkDir, DEMO_DATA: "off", EVAL_LEASE_S: String(leaseSeconds) },
    modelAnswer: { kind: "stream", text: answer, chunkSize: 400, firstTokenDelayMs: 500 },
  });
  first = cluster.instances[0]!;
  await waitForReady(first);
  cookie = await signUp(first, "researcher@example.com");
  const imported = await call(first, "POST", "/api/benchmarks/imports", { folder: "cluster", subsets: ["TEST_SP_ID"] });
  expect(imported.status).toBe(201);
  subsetId = ((await imported.json()) as { subsets: { id: string }[] }).subsets[0]!.id;
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(benchmarkDir, { recursive: true, force: true });
});

describe("an evaluation run on several instances", () => {
  let second: Instance;

  it("completes a run that a second instance joins while it executes, with no sample sent to the model twice", async () => {
    const before = cluster.model.requests.length;
    // One sample at a time: the run lasts longer than an instance takes to start.
    const run = await startRun(first, 1);
    second = await cluster.startInstance();
    await waitForReady(second);
    const joinedAt = Date.now();
    const ended = await waitForEnd(second, run.id);
    expect(ended).toMatchObject({ status: "completed", progress: { done: 60, failed: 0, total: 60 } });
    const sent = cluster.model.requests.slice(before);
    expect(sent).toHaveLength(60);
    expect(repeated(sent)).toEqual([]);
    // The second instance was up while samples were still being sent: it started during the run.
    expect(sent.filter((request) => request.receivedAt > joinedAt).length).toBeGreaterThan(0);
  }, 180_000);

  it("stops sending a run's samples within a second of a cancel sent to the other instance", async () => {
    const before = cluster.model.requests.length;
    const run = await startRun(first, 4);
    await until("the run has sent samples", () => cluster.model.requests.length - before >= 6 || undefined, 30_000);
    const response = await call(second, "POST", `/api/benchmarks/runs/${run.id}/cancel`);
    expect(response.status).toBe(202);
    const cancelledAt = Date.now();
    await sleep(2_500);
    const late = cluster.model.requests.slice(before).filter((request) => request.receivedAt > cancelledAt + 1_000);
    expect(late).toEqual([]);
    // What was out at the model was let go, not left running.
    expect(cluster.model.requests.slice(before).filter((request) => request.closedAt === undefined)).toEqual([]);
    expect((await readRun(first, run.id)).status).toBe("cancelled");
  }, 60_000);

  it("finishes the run of a killed instance on the other within a lease, asking again only the samples it held", async () => {
    const before = cluster.model.requests.length;
    const run = await startRun(first, 4);
    await until("the run has sent samples", () => cluster.model.requests.length - before >= 8 || undefined, 30_000);
    // Kill the instance holding the run's claims now (either may: both look for work), as a crash would.
    const database = new Client({ connectionString: cluster.databaseUrl });
    await database.connect();
    try {
      const heldNow = async () =>
        (
          await database.query<{ sample_id: string; lease_owner: string }>(
            `SELECT sample_id, lease_owner FROM evaluation_task WHERE run_id = $1 AND status = 'claimed'`,
            [run.id],
          )
        ).rows;
      const held = await until(
        "the run holds claims",
        async () => {
          const rows = await heldNow();
          return rows.length > 0 ? rows : undefined;
        },
        10_000,
      );
      const owner = held[0]!.lease_owner;
      const victim = cluster.instances.find((instance) =>
        instance.logs().includes(`claims evaluation work as ${owner}`),
      )!;
      const survivor = victim === first ? second : first;
      await victim.kill9();
      const killedAt = Date.now();
      // What it held when it died stays claimed in its name until the lease runs out.
      const heldByVictim = (await heldNow()).filter((row) => row.lease_owner === owner).map((row) => row.sample_id);

      const ended = await waitForEnd(survivor, run.id);
      expect(ended).toMatchObject({ status: "completed", progress: { done: 60, failed: 0, total: 60 } });
      const asked = cluster.model.requests.slice(before);
      const again = repeated(asked);
      expect(asked).toHaveLength(60 + again.length);
      // The samples sent twice are those the killed instance held (at most the run's concurrency), no other.
      const twice = (
        await database.query<{ sample_id: string }>(
          `SELECT sample_id FROM evaluation_task WHERE run_id = $1 AND attempts > 1`,
          [run.id],
        )
      ).rows.map((row) => row.sample_id);
      expect(twice.length).toBe(again.length);
      for (const sampleId of twice) expect(heldByVictim).toContain(sampleId);
      expect(twice.length).toBeLessThanOrEqual(4);
      // Taken up once their lease ran out, not later: within one lease and the second it takes to look.
      const retakenAt = Math.min(
        ...asked
          .filter((request) => request.receivedAt > killedAt && again.includes(sampleOf(request)))
          .map((request) => request.receivedAt),
      );
      if (again.length > 0) expect(retakenAt - killedAt).toBeLessThan((leaseSeconds + 3) * 1000);
    } finally {
      await database.end();
    }
  }, 120_000);
});
