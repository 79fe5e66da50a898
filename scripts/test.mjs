#!/usr/bin/env node
// `npm test`: every test of the project, in order of cost: typecheck, lint (ESLint and Prettier),
// unit, database integration (PostgreSQL and PGlite), end-to-end in Chromium, then several app
// instances on one PostgreSQL server (reusing the end-to-end step's build).
// Missing system prerequisites are reported in one line each, with the fix.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

// STUDIO_TEST_BUILD: the type check below stands for the build's own (see next.config.js).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", STUDIO_TEST_BUILD: "1" };

function findPostgresBin() {
  if (env.POSTGRES_BIN) return existsSync(join(env.POSTGRES_BIN, "initdb")) ? env.POSTGRES_BIN : undefined;
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const version = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")))
    .sort((a, b) => b - a)[0];
  return version && join(base, version, "bin");
}

const missing = [];
const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  missing.push(
    `Chromium not found at ${chromium}: run \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium binary.`,
  );
}
if (!findPostgresBin()) {
  missing.push(
    "PostgreSQL server binaries (initdb, pg_ctl) not found: run `sudo apt-get install -y postgresql`, or set POSTGRES_BIN to their folder.",
  );
}
if (missing.length > 0) {
  for (const line of missing) console.error(`npm test: ${line}`);
  process.exit(1);
}

// End-to-end servers keep their data under .tmp/: start from nothing.
rmSync(".tmp", { recursive: true, force: true });

const steps = [
  ["typecheck", "npx", ["--no-install", "tsc", "--noEmit"]],
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["unit tests", "npx", ["--no-install", "vitest", "run", "--project", "unit"]],
  ["database tests", "npx", ["--no-install", "vitest", "run", "--project", "db"]],
  ["end-to-end tests", "npx", ["--no-install", "playwright", "test"]],
  ["multi-instance tests", "npx", ["--no-install", "vitest", "run", "--project", "cluster"]],
];

// The production build runs beside the steps after the type check (mostly waits on one core: the
// linters, the database tests' sleeps and round trips), written to a log that is shown if it fails.
// It starts once the type check is done: the check reads the types the build writes under .next/,
// and a build that rewrote them meanwhile made it fail now and then.
mkdirSync(".tmp", { recursive: true });
const buildLog = ".tmp/test-build.log";
let buildStarted = 0;
let build;
let buildDone;
function startBuild() {
  buildStarted = Date.now();
  build = spawn(process.execPath, ["--import", "tsx", "scripts/build-for-tests.ts"], {
    stdio: ["ignore", openSync(buildLog, "w"), openSync(buildLog, "a")],
    env,
  });
  buildDone = new Promise((resolve) => build.on("exit", (code, signal) => resolve(code ?? signal)));
}
process.on("exit", () => build?.exitCode === null && build.kill("SIGKILL"));

async function waitForBuild() {
  if (!buildDone) startBuild();
  const outcome = await buildDone;
  const seconds = ((Date.now() - buildStarted) / 1000).toFixed(1);
  if (outcome === 0) {
    console.log(`\n=== production build: ready (${seconds} s after it started, beside the steps above) ===`);
    return true;
  }
  console.log(readFileSync(buildLog, "utf8"));
  console.error(`\nnpm test: the production build failed (${outcome}) after ${seconds} s.`);
  return false;
}

const needsBuild = new Set(["end-to-end tests", "multi-instance tests"]);
let buildChecked = false;
let passed = 0;
for (const [name, command, args] of steps) {
  if (needsBuild.has(name) && !buildChecked) {
    buildChecked = true;
    if (!(await waitForBuild())) {
      console.log(`steps: ${passed} passed, 1 failed`);
      process.exit(1);
    }
  }
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\nnpm test: ${name} failed after ${seconds} s.`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(1);
  }
  console.log(`=== ${name}: passed in ${seconds} s ===`);
  passed++;
  if (name === "typecheck") startBuild();
}
console.log(`\nsteps: ${passed} passed, 0 failed`);
