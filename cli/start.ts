/**
 * `npm start` (and `npm run dev` with --dev): checks the configuration and
 * the embedded database's owner before anything slow, builds when the
 * sources changed since the last build, writes the demo benchmark on the
 * first start, then runs Next on HOST:PORT. The server process itself opens
 * and migrates the database (instrumentation.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { ConfigError, parseConfig } from "@/lib/config";
import { DataDirInUseError, embeddedDatabaseFolder, findDataDirOwner } from "@/lib/db/data-dir-lock";
import { readDemoManifest, writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { loadPromptTemplate } from "@/lib/server/load-prompt-template";
import { computeSourceFingerprint } from "./source-fingerprint";

const root = process.cwd();
const isDev = process.argv.includes("--dev");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const fingerprintFile = resolve(root, ".next/preferthinker-source-hash");

function fail(message: string): never {
  console.error(`\nPreferThinker Studio cannot start: ${message}\n`);
  process.exit(1);
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) fail(`${what} failed (exit code ${result.status ?? result.signal}).`);
}

function buildIfNeeded(): void {
  const fingerprint = computeSourceFingerprint(root);
  const built =
    existsSync(resolve(root, ".next/BUILD_ID")) && existsSync(fingerprintFile)
      ? readFileSync(fingerprintFile, "utf8").trim()
      : undefined;
  if (built === fingerprint) return;
  console.log(built ? "Sources changed since the last build: building…" : "No production build yet: building…");
  run(process.execPath, [nextBin, "build"], "The build");
  writeFileSync(fingerprintFile, fingerprint);
}

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

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
if (!isDev) buildIfNeeded();

if (config.demo.enabled && !(await readDemoManifest(resolve(config.demo.folder)))) {
  console.log(`Writing the demo benchmark and pictures to ${config.demo.folder} (once; DEMO_DATA=off skips it)…`);
  try {
    const written = await writeDemoBenchmark(resolve(config.demo.folder));
    console.log(`Demo benchmark ready: ${written.samples} samples, ${written.images} pictures.`);
  } catch (error) {
    // The app works without it; say so and go on.
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
    env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true", STUDIO_LAUNCHER_IPC: "1" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
