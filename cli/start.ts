/**
 * `npm start` (and `npm run dev` with --dev): checks the configuration and
 * the embedded database's owner before anything slow, builds when the
 * sources changed since the last build, writes the demo benchmark on the
 * first start, then runs Next on HOST:PORT. The server process itself opens
 * and migrates the database (instrumentation.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { z } from "zod";
import { type AppConfig, ConfigError, parseConfig } from "@/lib/config";
import { DataDirInUseError, embeddedDatabaseFolder, findDataDirOwner } from "@/lib/db/data-dir-lock";
import { runExclusively } from "@/lib/db/job-lock";
import { readDemoManifest, writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { threadPoolSizeFor } from "@/lib/images/decode-budget";
import { loadPromptTemplate } from "@/lib/server/load-prompt-template";
import { BuildError, buildIfNeeded } from "./build-if-needed";

const root = process.cwd();
const isDev = process.argv.includes("--dev");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function fail(message: string): never {
  console.error(`\nPreferThinker Studio cannot start: ${message}\n`);
  process.exit(1);
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) fail(`${what} failed (exit code ${result.status ?? result.signal}).`);
}

function readConfig(): AppConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}
const config = readConfig();

try {
  loadPromptTemplate(config.promptTemplate);
} catch (error) {
  fail((error as Error).message);
}

if (!config.databaseUrl) {
  const folder = embeddedDatabaseFolder(config.dataDir);
  const owner = findDataDirOwner(folder);
  if (owner) fail(new DataDirInUseError(folder, owner).message);
}
// Also after a pull that changed the schema: a client older than it would not know the new columns.
const prismaClient = resolve(root, "lib/db/generated/prisma/client.ts");
if (
  !existsSync(prismaClient) ||
  statSync(resolve(root, "prisma/schema.prisma")).mtimeMs > statSync(prismaClient).mtimeMs
) {
  run(process.execPath, ["scripts/prisma-generate.mjs"], "Generating the Prisma client");
}
if (!isDev) {
  try {
    buildIfNeeded(root);
  } catch (error) {
    if (error instanceof BuildError) fail(error.message);
    throw error;
  }
}

const demoFolder = resolve(config.demo.folder);

async function writeDemo(): Promise<void> {
  console.log(`Writing the demo benchmark and pictures to ${config.demo.folder} (once; DEMO_DATA=off skips it)…`);
  const written = await writeDemoBenchmark(demoFolder);
  console.log(`Demo benchmark ready: ${written.samples} samples, ${written.images} pictures.`);
}

/**
 * With a PostgreSQL server, several instances may share the data folder: one
 * of them writes the demo, under its advisory lock, once it is ready to
 * serve; the others wait for it and find it written. Instances with data
 * folders of their own (pictures in object storage) each write their own copy,
 * one after the other.
 */
async function writeDemoOnce(): Promise<void> {
  try {
    await runExclusively(
      config.databaseUrl,
      "demoBenchmark",
      async () => {
        if (await readDemoManifest(demoFolder)) console.log("The demo benchmark is already written: nothing to do.");
        else await writeDemo();
      },
      { wait: true },
    );
  } catch (error) {
    // The app works without it; say so and go on.
    console.error(`The demo benchmark could not be written: ${(error as Error).message}`);
  }
}

const needsDemo = config.demo.enabled && !(await readDemoManifest(demoFolder));
// The embedded database has one process: the demo is written before it serves, as the first account's import expects.
if (needsDemo && !config.databaseUrl) {
  try {
    await writeDemo();
  } catch (error) {
    console.error(`The demo benchmark could not be written: ${(error as Error).message}`);
  }
}

const server = spawn(
  process.execPath,
  [nextBin, isDev ? "dev" : "start", "--hostname", config.host, "--port", String(config.port)],
  // The IPC channel tells the server when this launcher dies, even by SIGKILL:
  // it then shuts down instead of living on with the database.
  {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      NEXT_MANUAL_SIG_HANDLE: "true",
      STUDIO_LAUNCHER_IPC: "1",
      // Pictures decode on libuv's pool: size it so the decodes IMAGE_CONCURRENCY allows never hold up file I/O
      // or sign-ins. An operator's own setting wins.
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(threadPoolSizeFor(config.images.concurrency)),
    },
  },
);
/** What the server tells its launcher over the IPC channel (lib/server/start-up.ts). */
const serverMessageSchema = z.object({ event: z.literal("ready") });
if (needsDemo && config.databaseUrl) {
  server.on("message", (message) => {
    if (serverMessageSchema.safeParse(message).success) void writeDemoOnce();
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
