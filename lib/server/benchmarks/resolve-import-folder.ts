import "server-only";
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { demoFolderKeyword } from "@/lib/benchmarks/benchmark-contract";
import type { AppConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

/** Whether `inner` is `outer` or lies below it (both already real paths). */
export function isInside(outer: string, inner: string): boolean {
  const between = relative(outer, inner);
  return between === "" || (!between.startsWith(`..${sep}`) && between !== ".." && !isAbsolute(between));
}

/** A folder an import reads: its real path, and how it is named to people (never the server's absolute path). */
export type ImportFolder = { path: string; label: string };

export const demoFolderLabel = "the demo benchmark";

/**
 * The benchmark folder an API caller may import: inside the demo benchmark's
 * folder or under BENCHMARK_DIR, never anywhere else on the server. A
 * relative path is read against BENCHMARK_DIR (the demo folder without one).
 * The word `demo` names the demo benchmark's folder itself, so the pages need
 * not know where the server keeps it (a folder called demo under
 * BENCHMARK_DIR is `./demo`). Symbolic links are followed before the check,
 * so a link cannot lead out. A path that does not exist gets the same answer
 * as one outside, so the answer tells nothing about the server's other folders.
 */
export function resolveImportFolder(config: AppConfig, requested: string): ImportFolder {
  const roots = [
    { path: config.demo.folder, label: demoFolderLabel },
    ...(config.benchmarkDir ? [{ path: config.benchmarkDir, label: "BENCHMARK_DIR" }] : []),
  ]
    .filter((root) => existsSync(root.path))
    .map((root) => ({ ...root, path: realpathSync(root.path) }));
  const base = config.benchmarkDir ?? config.demo.folder;
  const candidate = requested === demoFolderKeyword ? resolve(config.demo.folder) : resolve(base, requested);
  const allowed = `folder: must be a benchmark folder inside ${config.benchmarkDir ? "BENCHMARK_DIR or the demo benchmark's folder" : "the demo benchmark's folder (set BENCHMARK_DIR to allow others)"}.`;
  const real = existsSync(candidate) ? realpathSync(candidate) : null;
  const root = real ? roots.find((entry) => isInside(entry.path, real)) : undefined;
  if (!real || !root) throw new AppError("bad_request", allowed);
  const below = relative(root.path, real).split(sep).join("/");
  return { path: real, label: below ? `${root.label}/${below}` : root.label };
}
