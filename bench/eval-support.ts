/**
 * What bench/eval.ts and bench/eval-scale.ts share: a fake model server in
 * a child process, a fresh embedded database with the route handlers called
 * in this process, a researcher's session, an import of a generated demo
 * subset through the import route, and a run started through the runs route
 * and followed to its end.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import type { Scenario } from "@/test/fake-model-server";
import { callRoute, sessionTokenOf, useTestDatabase } from "@/test/route-harness";

export const option = (name: string, fallback: number) =>
  Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);

/** The model server's child process: its URL, the body of the last request it got (to replay it), and its counters. */
export type ModelServer = { url: string; lastRequestBody(): Promise<unknown>; ask(): Promise<unknown>; stop(): void };

/** A scenario it plays, or that and a replica's limits (a batch size, a prefix cache: test/fake-model-server.ts). */
type ModelServerOptions =
  | Scenario
  | { defaultScenario: Scenario; capacity?: number; prefillMsPerNewImage?: number; keepLastBodyOnly?: boolean };

export function startModelServer(scenario: ModelServerOptions): Promise<ModelServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "bench/gateway-model-server.ts", JSON.stringify(scenario)],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve) =>
    child.once("message", (ready: { url: string }) =>
      resolve({
        url: ready.url,
        lastRequestBody: () =>
          new Promise((answer) => {
            child.once("message", (reply: { lastRequest?: unknown }) => answer(reply.lastRequest));
            child.send({ lastRequest: true });
          }),
        ask: () =>
          new Promise((answer) => {
            child.once("message", answer);
            child.send({});
          }),
        stop: () => child.disconnect(),
      }),
    ),
  );
}

export type BenchApp = { database: Database; session: string; demoDir: string; close(): Promise<void> };

/** A fresh data folder and demo benchmark (of `samples` TEST_SP_ID samples), the database open and an admin signed up. */
export async function startBenchApp(
  model: ModelServer,
  samples: number,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const root = mkdtempSync(join(tmpdir(), "studio-bench-eval-"));
  const demoDir = join(root, "demo");
  Object.assign(process.env, {
    DATA_DIR: join(root, "data"),
    DEMO_DIR: demoDir,
    MODEL_API_URL: model.url,
    MODEL_NAME: "preferthinker-7b",
    MODEL_MAX_IN_FLIGHT: "64",
    MODEL_MAX_QUEUED: "1000",
    DEMO_IMPORT: "off",
    // The route harness asks as studio.test, the public address.
    PUBLIC_URL: "http://studio.test",
    ...env,
  });
  await writeDemoBenchmark(demoDir, { sizes: { TEST_SP_ID: samples } });
  const database = await openDatabase({ databaseUrl: undefined, dataDir: join(root, "data") });
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the route harness's setter, not a React hook
  useTestDatabase(database);
  await startEvaluationWorkers(database);
  const signUp = await import("@/app/api/auth/sign-up/route");
  // The first account is an admin, who may use the benchmarks.
  const session = sessionTokenOf(
    await callRoute(signUp, "POST", "/api/auth/sign-up", {
      body: { email: "bench@example.com", password: "a long and unusual passphrase" },
    }),
  )!;
  return {
    database,
    session,
    demoDir,
    close: async () => {
      await stopEvaluationWorkers();
      await database.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Imports the demo's TEST_SP_ID through the import route; the subset's id. */
export async function importDemoSubset(app: BenchApp): Promise<string> {
  const imports = await import("@/app/api/benchmarks/imports/route");
  const imported = await callRoute(imports, "POST", "/api/benchmarks/imports", {
    sessionToken: app.session,
    body: { folder: app.demoDir, subsets: ["TEST_SP_ID"] },
  });
  if (imported.status !== 201) throw new Error(`the import answered ${imported.status}: ${await imported.text()}`);
  return ((await imported.json()) as { subsets: { id: string }[] }).subsets[0]!.id;
}

export type RunFigures = { seconds: number; done: number; status: string };

/**
 * Starts a run through the runs route and follows it to its end. The page
 * polls a running run once a second; so does this, while the database's
 * status, read every 20 ms, says when it ended.
 */
/**
 * A run of the subset to its end. Fresh outputs unless `reuse` is set: the
 * benchmarks run one subset several times, and a run reusing the outputs
 * kept by the one before would ask the model server nothing.
 */
export async function runToEnd(
  app: BenchApp,
  subsetId: string,
  concurrency: number,
  options: { reuse?: boolean } = {},
): Promise<RunFigures> {
  const runs = await import("@/app/api/benchmarks/runs/route");
  const one = await import("@/app/api/benchmarks/runs/[id]/route");
  const started = performance.now();
  const created = await callRoute(runs, "POST", "/api/benchmarks/runs", {
    sessionToken: app.session,
    body: { subsetId, endpoint: "default", mode: "fast", concurrency, freshOutputs: !options.reuse },
  });
  if (created.status !== 201) throw new Error(`starting a run answered ${created.status}: ${await created.text()}`);
  const runId = ((await created.json()) as { run: { id: string } }).run.id;
  const readRun = async () =>
    (
      (await (
        await callRoute(one, "GET", `/api/benchmarks/runs/${runId}`, {
          sessionToken: app.session,
          params: { id: runId },
        })
      ).json()) as { run: { status: string; progress: { done: number } } }
    ).run;
  const poll = setInterval(() => void readRun(), 1000);
  await waitForRunToEnd(app.database, runId, 3_600_000);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  const run = await readRun();
  return { seconds, done: run.progress.done, status: run.status };
}

/**
 * The same requests straight from a bare client, `concurrency` at once: what
 * this machine and this model server allow with no app in between.
 */
export async function directRate(
  model: ModelServer,
  body: unknown,
  requests: number,
  concurrency: number,
): Promise<number> {
  const payload = JSON.stringify(body);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next++ < requests) {
      const response = await fetch(`${model.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: payload,
      });
      await response.text();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return requests / ((performance.now() - started) / 1000);
}

export const measureMemory = () => {
  const usage = process.memoryUsage();
  return { heapMb: usage.heapUsed / 2 ** 20, rssMb: usage.rss / 2 ** 20 };
};
