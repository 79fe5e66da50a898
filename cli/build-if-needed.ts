import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { computeSourceFingerprint } from "./source-fingerprint";

/**
 * Builds the production server when the sources changed since the last
 * build (or there is none), and records what it was built from. Shared by
 * the launcher and the tests that start several launchers: those build once
 * first, so no two launchers ever run `next build` into one folder.
 */
export function buildIfNeeded(
  root: string,
  options: { env?: NodeJS.ProcessEnv; stdio?: "inherit" | "pipe" } = {},
): { built: boolean } {
  const fingerprintFile = resolve(root, ".next/preferthinker-source-hash");
  const fingerprint = computeSourceFingerprint(root);
  const built =
    existsSync(resolve(root, ".next/BUILD_ID")) && existsSync(fingerprintFile)
      ? readFileSync(fingerprintFile, "utf8").trim()
      : undefined;
  if (built === fingerprint) return { built: false };
  console.log(built ? "Sources changed since the last build: building…" : "No production build yet: building…");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: options.stdio ?? "inherit",
    env: options.env ?? process.env,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new BuildError(
      `The build failed (exit code ${result.status ?? result.signal}).${result.stderr ? `\n${result.stderr}${result.stdout}` : ""}`,
    );
  }
  writeFileSync(fingerprintFile, fingerprint);
  return { built: true };
}

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildError";
  }
}
