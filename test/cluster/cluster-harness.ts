import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeModelServer, type Scenario, startFakeModelServer } from "../fake-model-server";
import { findFreePort, type PostgresServer, startPostgresServer } from "../postgres-server";
import { type S3Server, startS3Server } from "../s3-server";

/**
 * Several app instances on one PostgreSQL server, as an operator runs them:
 * each a real `npm start` launcher (cli/start.ts, then `next start` as its
 * child) on its own port of 127.0.0.1, all sharing one database and one fake
 * model server, and either keeping pictures in an S3-compatible server (s3rver,
 * started here) with a data folder each, as a lab deploys them, or sharing one
 * data folder. The production build must be current
 * before (test/cluster/global-setup.ts builds it once), so no launcher builds.
 * Every process started here is stopped by its process id: by `stop()`, and
 * by the test process's exit if a test fails first.
 */

export type Instance = {
  url: string;
  port: number;
  /** The launcher's process id; it leads a process group holding the server too. */
  pid: number;
  /** Everything the launcher and its server wrote, stdout and stderr together. */
  logs(): string;
  /** Resolves with the exit code once the launcher has exited. */
  exited: Promise<number | null>;
  /** Sends a signal to the launcher, which passes it to the server, as an orchestrator does; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Kills the launcher and its server at once, as a machine's crash would. */
  kill9(): Promise<number | null>;
};

export type Cluster = {
  postgres: PostgresServer;
  databaseUrl: string;
  /** With a shared folder, the data folder every instance uses (image store, demo benchmark); otherwise each instance's data folders are under it. */
  dataDir: string;
  /** The object store holding the pictures, unless the instances share a data folder. */
  s3?: S3Server;
  model: FakeModelServer;
  instances: Instance[];
  /** Starts one more instance (not waiting for it to be ready), with extra environment. */
  startInstance(env?: Record<string, string>): Promise<Instance>;
  /** Stops every instance (SIGTERM, then SIGKILL after 15 s), the model server and PostgreSQL, and removes their folders. */
  stop(): Promise<void>;
};

const launcher = ["--import", "tsx", "--conditions=react-server", "cli/start.ts"];

/** Process groups still running: killed when the test process exits, so none outlives a failed test. */
const running = new Set<number>();
process.on("exit", () => {
  for (const pid of running) killGroup(pid, "SIGKILL");
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function launch(env: Record<string, string>, port: number): Instance {
  let output = "";
  const child: ChildProcess = spawn(process.execPath, launcher, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a crash can be simulated and nothing is left behind.
    detached: true,
  });
  const pid = child.pid!;
  running.add(pid);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      running.delete(pid);
      // The server may outlive a launcher killed alone: nothing of the group stays.
      killGroup(pid, "SIGKILL");
      resolve(code);
    }),
  );
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    logs: () => output,
    exited,
    stop(signal = "SIGTERM") {
      if (!hasExited()) child.kill(signal);
      return exited;
    },
    kill9() {
      killGroup(pid, "SIGKILL");
      return exited;
    },
  };
}

/** Polls GET /api/health/ready until it answers 200; fails early, with the logs, if the instance exits. */
export async function waitForReady(instance: Instance, timeoutMs = 120_000): Promise<void> {
  let hasExited = false;
  void instance.exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`The instance on port ${instance.port} exited while starting:\n${instance.logs()}`);
    try {
      if ((await fetch(`${instance.url}/api/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The instance on port ${instance.port} was not ready within ${timeoutMs} ms:\n${instance.logs()}`);
}

/**
 * Starts PostgreSQL, the fake model server and `instances` app instances at
 * once (not waiting for them to be ready: see waitForReady). `env` goes to
 * every instance.
 */
export async function startCluster(options: {
  instances: number;
  env?: Record<string, string>;
  /** What the fake model server answers when no scenario is queued (by default a short answer at once). */
  modelAnswer?: Scenario;
  /** Where pictures live: an S3-compatible server and no shared folder (the default), or one shared data folder. */
  storage?: "s3" | "shared-folder";
}): Promise<Cluster> {
  const postgres = await startPostgresServer();
  const model = await startFakeModelServer({ model: "preferthinker-7b", defaultScenario: options.modelAnswer });
  const s3 = options.storage === "shared-folder" ? undefined : await startS3Server();
  const dataDir = mkdtempSync(join(tmpdir(), "studio-cluster-"));
  const databaseUrl = postgres.url();
  const shared: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    ...(s3 ? s3.env("cluster") : { DATA_DIR: dataDir }),
    MODEL_API_URL: model.url,
    MODEL_NAME: "preferthinker-7b",
    DEMO_IMPORT: "off",
    ...options.env,
  };
  const instances: Instance[] = [];
  const startInstance = async (env: Record<string, string> = {}) => {
    const port = await findFreePort();
    // Nothing shared on disk: each instance's data folder is its own.
    const ownFolder: Record<string, string> = s3 ? { DATA_DIR: join(dataDir, `instance-${port}`) } : {};
    const instance = launch({ ...shared, ...ownFolder, ...env }, port);
    instances.push(instance);
    return instance;
  };
  for (let index = 0; index < options.instances; index++) await startInstance();
  return {
    postgres,
    databaseUrl,
    dataDir,
    s3,
    model,
    instances,
    startInstance,
    async stop() {
      await Promise.all(
        instances.map(async (instance) => {
          const timer = setTimeout(() => void instance.kill9(), 15_000);
          await instance.stop("SIGTERM");
          clearTimeout(timer);
        }),
      );
      await model.close();
      await s3?.stop();
      postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
