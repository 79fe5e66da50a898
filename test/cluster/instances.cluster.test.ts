import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, type Instance, startCluster, waitForReady } from "./cluster-harness";
import { signUp, startAssessment, uploadPictures } from "./cluster-people";

/**
 * Two instances of the app on one PostgreSQL server and one data folder,
 * as an operator runs them behind a load balancer: they start together,
 * share the start-up jobs, drain on SIGTERM while the other serves on, and
 * an instance older than the database refuses to start.
 */

const graceSeconds = 20;
const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-a.txt", "utf8");

let cluster: Cluster;
let first: Instance;
let second: Instance;

beforeAll(async () => {
  cluster = await startCluster({
    instances: 2,
    env: { SHUTDOWN_GRACE_S: String(graceSeconds) },
    // The other suites keep pictures in object storage; this one shares a data folder, as small installations do.
    storage: "shared-folder",
  });
  [first, second] = cluster.instances as [Instance, Instance];
  await Promise.all([waitForReady(first), waitForReady(second)]);
});
afterAll(async () => {
  await cluster?.stop();
});

const allLogs = () => cluster.instances.map((instance) => instance.logs()).join("\n");
const count = (text: string, part: string) => text.split(part).length - 1;

async function until(what: string, isDone: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isDone())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}:\n${allLogs()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("two instances on one PostgreSQL server", () => {
  it("both become ready and serve, and the demo benchmark is written once, by one of them", async () => {
    for (const instance of [first, second]) {
      const health = await fetch(`${instance.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
    }
    await until("the demo benchmark is written", () => allLogs().includes("Demo benchmark ready:"), 150_000);
    expect(count(allLogs(), "Writing the demo benchmark")).toBe(1);
    expect(count(allLogs(), "Demo benchmark ready:")).toBe(1);
    const manifest = JSON.parse(readFileSync(join(cluster.dataDir, "demo-benchmark/demo-manifest.json"), "utf8")) as {
      samples: number;
    };
    expect(manifest.samples).toBeGreaterThan(0);
  });

  it("drains on SIGTERM: unready at once, the assessment in progress finishes, exit 0, and the other instance serves on", async () => {
    const cookie = await signUp(first, "first@example.com");
    const imageIds = await uploadPictures(first, cookie, 4);
    // The model takes about four seconds to answer: the SIGTERM arrives while it writes.
    cluster.model.queue({ kind: "stream", text: transcript, chunkSize: 20, delayMs: 60 });
    const assessment = await startAssessment(first, cookie, imageIds);
    expect(assessment.status).toBe(200);
    const reader = assessment.body!.pipeThrough(new TextDecoderStream()).getReader();
    let stream = "";
    while (!stream.includes("event: delta")) stream += (await reader.read()).value ?? "";

    const signalled = Date.now();
    const exited = first.stop("SIGTERM");
    let readiness = await fetch(`${first.url}/api/health/ready`);
    while (readiness.status === 200) readiness = await fetch(`${first.url}/api/health/ready`);
    const unreadyAfterMs = Date.now() - signalled;
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({
      error: { code: "unavailable", message: "This instance is shutting down." },
    });
    // Generous for a busy machine; the instance turns unready as soon as the signal reaches it.
    expect(unreadyAfterMs).toBeLessThan(2_000);
    // New long work goes elsewhere.
    expect((await startAssessment(first, cookie, imageIds)).status).toBe(503);

    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) stream += chunk.value;
    expect(stream).toContain("event: done");
    expect(stream).not.toContain("event: error");
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(graceSeconds * 1000);

    // The other instance serves the same people and the finished assessment.
    expect((await fetch(`${second.url}/api/health/ready`)).status).toBe(200);
    const assessmentId = /"assessmentId":"([0-9a-f-]{36})"/.exec(stream)![1]!;
    const seen = await fetch(`${second.url}/api/assessments/${assessmentId}`, { headers: { Cookie: cookie } });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ assessment: { status: "completed" } });
  });

  it("refuses to start a version that does not know a migration the database has", async () => {
    const client = new Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (gen_random_uuid()::text, repeat('0', 64), now(), '20991231000000_from_the_future', now(), 1)`,
      );
    } finally {
      await client.end();
    }
    const older = await cluster.startInstance();
    expect(await older.exited).not.toBe(0);
    expect(older.logs()).toContain(
      "PreferThinker Studio cannot start: the database has migration 20991231000000_from_the_future applied, " +
        "which this version does not know; run the newer version or restore the database.",
    );
    // The instance that was running keeps serving.
    expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
  });
});
