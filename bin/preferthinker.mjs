#!/usr/bin/env node
// `npx preferthinker …`: runs the TypeScript CLI through tsx's loader, under
// the react-server condition, as the server does: the commands share its
// server-only modules (the assessors, the benchmark runner).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../cli/preferthinker.ts", import.meta.url));
const result = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
