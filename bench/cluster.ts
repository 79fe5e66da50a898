/**
 * Evaluation throughput with one and with two app instances on one
 * PostgreSQL server, side by side in one run (issue 20): each instance a
 * real launcher (test/cluster/cluster-harness.ts), the model a fake server
 * that answers every request after a fixed latency L. A run of
 * `concurrency` N ideally finishes N samples every L; the figure is the
 * throughput reached as a fraction of that ideal N/L, over a run of
 * `--rounds` × N samples. With two instances the run's concurrency is a cap
 * over both, so the ideal is the same: the goal is at least 0.9 of it, and
 * never below one instance.
 *
 * The lane overhead per sample is what each sample costs a lane beside the
 * model's latency: claiming it, reading its pictures, storing its result
 * (N × elapsed / samples − L).
 *
 *   node --import tsx --conditions=react-server bench/cluster.ts [--latency=500] [--rounds=12] [--storage=s3|shared-folder]
 *
 * Pictures live in an S3-compatible server (s3rver, on this machine too) with
 * a data folder per instance, as a lab deploys them, unless
 * `--storage=shared-folder` puts them in one shared data folder.
 *
 * The production build must be current (the harness's global set-up builds
 * it: `npx vitest run --project cluster` once, or `npm run build`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { buildIfNeeded } from "../cli/build-if-needed";
import { type Cluster, type Instance, startCluster, waitForReady } from "../test/cluster/cluster-harness";

const option = (name: string, fallback: number) =>
  Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const latencyMs = option("latency", 500);
const rounds = option("rounds", 12);
const concurrencies = [16, 32];
const storage = process.argv.includes("--storage=shared-folder") ? "shared-folder" : "s3";
const password = "a long and unusual passphrase";
const answer = "<answer>Image A</answer>";

type Session = { cookie: string; subsetId: string };

async function call(instance: Instance, session: Session | null, method: string, path: string, body?: unknown) {
  const response = await fetch(`${instance.url}${path}`, {
    method,
    headers: {
      Origin: instance.url,
      ...(session ? { Cookie: session.cookie } : {}),
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

async function prepare(instance: Instance): Promise<Session> {
  const signUp = await call(instance, null, "POST", "/api/auth/sign-up", { email: "bench@example.com", password });
  const cookie = signUp.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const imported = await call(instance, { cookie, subsetId: "" }, "POST", "/api/benchmarks/imports", {
    folder: "bench",
    subsets: ["TEST_SP_ID"],
  });
  const subsetId = ((await imported.json()) as { subsets: { id: string }[] }).subsets[0]!.id;
  return { cookie, subsetId };
}

/** Runs the whole subset at `concurrency`; seconds from the first request the model got to the last answer. */
async function timeRun(cluster: Cluster, instance: Instance, session: Session, concurrency: number) {
  const before = cluster.model.requests.length;
  const created = await call(instance, session, "POST", "/api/benchmarks/runs", {
    subsetId: session.subsetId,
    concurrency,
    mode: "fast",
    // Each measurement asks the model: the runs before it kept every output of this subset.
    freshOutputs: true,
  });
  const runId = ((await created.json()) as { run: { id: string } }).run.id;
  for (;;) {
    const run = (
      (await (await call(instance, session, "GET", `/api/benchmarks/runs/${runId}`)).json()) as {
        run: { status: string; progress: { done: number } };
      }
    ).run;
    if (run.status !== "running" && run.status !== "queued") {
      if (run.status !== "completed") throw new Error(`the run ended ${run.status}`);
      const sent = cluster.model.requests.slice(before);
      const start = Math.min(...sent.map((request) => request.receivedAt));
      const end = Math.max(...sent.map((request) => request.closedAt ?? Date.now()));
      return { seconds: (end - start) / 1000, samples: run.progress.done, requests: sent.length };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const root = mkdtempSync(join(tmpdir(), "studio-bench-cluster-"));
buildIfNeeded(process.cwd(), { env: { ...process.env, STUDIO_TEST_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" } });
const samples = rounds * Math.max(...concurrencies);
await writeDemoBenchmark(join(root, "bench"), { sizes: { TEST_SP_ID: samples } });
const cluster = await startCluster({
  instances: 1,
  env: {
    BENCHMARK_DIR: root,
    DEMO_DATA: "off",
    MODEL_MAX_IN_FLIGHT: "64",
    EVAL_SHARE: "1",
  },
  modelAnswer: { kind: "stream", text: answer, chunkSize: 400, firstTokenDelayMs: latencyMs },
  storage,
});
try {
  const first = cluster.instances[0]!;
  await waitForReady(first);
  const session = await prepare(first);
  const rows: string[][] = [];
  const measure = async (instances: number) => {
    for (const concurrency of concurrencies) {
      // Every run covers the whole subset (rounds × 32 samples), so its ideal time is samples × L / N.
      const { seconds, samples: done, requests } = await timeRun(cluster, first, session, concurrency);
      const ideal = concurrency / (latencyMs / 1000);
      const throughput = done / seconds;
      const overheadMs = (concurrency * seconds * 1000) / done - latencyMs;
      rows.push([
        String(instances),
        String(concurrency),
        String(done),
        String(requests),
        seconds.toFixed(2),
        throughput.toFixed(1),
        ideal.toFixed(1),
        (throughput / ideal).toFixed(3),
        overheadMs.toFixed(0),
      ]);
    }
  };
  await measure(1);
  const second = await cluster.startInstance();
  await waitForReady(second);
  await measure(2);
  console.log(
    `\nEvaluation throughput, fake model server with L = ${latencyMs} ms, ${samples} samples per run, pictures in ${storage === "s3" ? "an S3-compatible server (s3rver)" : "a shared data folder"} (node ${process.version}, ${new Date().toISOString()})\n`,
  );
  const header = [
    "instances",
    "N",
    "samples",
    "requests",
    "seconds",
    "samples/s",
    "ideal N/L",
    "of ideal",
    "lane overhead ms/sample",
  ];
  console.log(header.join("\t"));
  for (const row of rows) console.log(row.join("\t"));
  for (const concurrency of concurrencies) {
    const [one, two] = rows.filter((row) => row[1] === String(concurrency));
    console.log(
      `N = ${concurrency}: two instances reach ${two![7]} of ideal (goal 0.9), ${(Number(two![5]) / Number(one![5])).toFixed(2)}x one instance (goal at least 1)`,
    );
  }
} finally {
  await cluster.stop();
  rmSync(root, { recursive: true, force: true });
}
