#!/usr/bin/env node
// `npx preferthinker …`: runs the TypeScript CLI through tsx's loader, under
// the react-server condition, as the server does: the commands share its
// server-only modules (the assessors, the benchmark runner).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../cli/preferthinker.ts", import.meta.url));
// The loader and the project's tsconfig (its path aliases) are found from
// here, not from the working folder, so the command works from any folder.
const loader = import.meta.resolve("tsx");
const env = {
  ...process.env,
  TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? fileURLToPath(new URL("../tsconfig.json", import.meta.url)),
};
// Ctrl-C reaches the command too (same process group); it decides how to stop, and this process waits for it.
process.on("SIGINT", () => {});
const result = spawnSync(
  process.execPath,
  ["--import", loader, "--conditions=react-server", cli, ...process.argv.slice(2)],
  { stdio: "inherit", env },
);
process.exit(result.status ?? 1);
