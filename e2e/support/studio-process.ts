import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { findFreePort } from "../../test/postgres-server";

/**
 * Runs the app the way `npm start` does (its launcher, then `next start`),
 * on its own port and data folder, so a spec can restart it, crash it or
 * start a second copy.
 */

export type StudioProcess = {
  url: string;
  /** The launcher's process id; the server runs as its child. */
  pid: number;
  dataDir: string;
  output(): string;
  /** Resolves with the exit code once the launcher has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Sends a signal to the launcher and the server at once, as a crash of the machine's process would: only with `ownProcessGroup`. */
  signalProcessGroup(signal: NodeJS.Signals): void;
};

export type LaunchOptions = {
  /** The launcher leads a process group of its own (the server inherits it), so the whole app can be killed at once. */
  ownProcessGroup?: boolean;
};

const launcher = ["--import", "tsx", "--conditions=react-server", "cli/start.ts"];

/** Launchers still running: ended when the test process exits, so none outlives a failed spec. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) {
    try {
      if (groupLeaders.has(child) && child.pid) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
});
const groupLeaders = new WeakSet<ChildProcess>();

/** A data folder whose database the app has created and migrated (e2e/support/global-setup.ts). */
export const databaseTemplateDir = resolve(".tmp/e2e/database-template");

/**
 * A new data folder for one server. It holds a copy of the migrated template
 * database, which opens in a fraction of the time a new one takes to create;
 * `empty` leaves it empty, for the specs about a first start.
 */
export function newDataDir(options: { empty?: boolean } = {}): string {
  mkdirSync(resolve(".tmp/e2e"), { recursive: true });
  const dataDir = mkdtempSync(resolve(".tmp/e2e/data-"));
  // DATA_DIR/db is where the app keeps the embedded database (lib/db/data-dir-lock.ts).
  if (!options.empty) cpSync(join(databaseTemplateDir, "db"), join(dataDir, "db"), { recursive: true });
  return dataDir;
}

export const sharedDemoDir = resolve(".tmp/e2e/demo-benchmark");

export function runLauncher(
  env: Record<string, string | undefined>,
  options: LaunchOptions = {},
): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  let output = "";
  const child = spawn(process.execPath, launcher, {
    // One demo benchmark for every server of a run: it is the same for the same seed, and written once.
    // Specs sign their people up from 127.0.0.1: the per-address sign-up limit has its own test.
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DEMO_DIR: sharedDemoDir,
      DEMO_IMPORT: "off",
      SIGN_UPS_PER_ADDRESS: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownProcessGroup ?? false,
  });
  if (options.ownProcessGroup) groupLeaders.add(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  const exited = new Promise<number | null>((resolveExit) =>
    child.on("exit", (code) => {
      running.delete(child);
      resolveExit(code);
    }),
  );
  return { child, output: () => output, exited };
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  const deadline = Date.now() + 240_000;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`The server exited while starting:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200 || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`The server did not answer within 4 minutes:\n${output()}`);
}

export async function startStudio(
  env: Record<string, string | undefined> = {},
  options: LaunchOptions = {},
): Promise<StudioProcess> {
  const port = env.PORT ?? String(await findFreePort());
  const dataDir = env.DATA_DIR ?? newDataDir();
  const run = runLauncher({ HOST: "127.0.0.1", ...env, PORT: port, DATA_DIR: dataDir }, options);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, run.exited, run.output);
  return {
    url,
    pid: run.child.pid!,
    dataDir,
    output: run.output,
    exited: run.exited,
    async stop(signal = "SIGTERM") {
      if (run.child.exitCode === null) run.child.kill(signal);
      return run.exited;
    },
    signalProcessGroup(signal) {
      if (!options.ownProcessGroup || !run.child.pid)
        throw new Error("signalProcessGroup needs a studio started with ownProcessGroup");
      process.kill(-run.child.pid, signal);
    },
  };
}

export const dataDirLock = (dataDir: string) => join(dataDir, "db.lock");
