import "server-only";
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { demoFolderKeyword } from "@/lib/benchmarks/benchmark-schemas";
import type { AppConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

/** Whether `inner` is `outer` or lies below it (both already real paths). */
export function isInside(outer: string, inner: string): boolean {
  const between = relative(outer, inner);
  return between === "" || (!between.startsWith(`..${sep}`) && between !== ".." && !isAbsolute(between));
}

/**
 * The benchmark folder an API caller may import: inside the demo benchmark's
 * folder or under BENCHMARK_DIR, never anywhere else on the server. A
 * relative path is read against BENCHMARK_DIR (the demo folder without one).
 * The word `demo` names the demo benchmark's folder itself, so the pages need
 * not know where the server keeps it (a folder called demo under
 * BENCHMARK_DIR is `./demo`). Symbolic links are followed before the check,
 * so a link cannot lead out.
 */
export function resolveImportFolder(config: AppConfig, requested: string): string {
  const roots = [config.demo.folder, config.benchmarkDir].filter((root): root is string => root !== undefined && existsSync(root)).map((root) => realpathSync(root));
  const base = config.benchmarkDir ?? config.demo.folder;
  const candidate = requested === demoFolderKeyword ? resolve(config.demo.folder) : resolve(base, requested);
  const allowed = `the demo benchmark's folder${config.benchmarkDir ? " or BENCHMARK_DIR" : " (set BENCHMARK_DIR to allow another)"}`;
  if (!existsSync(candidate)) throw new AppError("bad_request", `folder: no such folder; it must lie inside ${allowed}.`);
  const real = realpathSync(candidate);
  if (!roots.some((root) => isInside(root, real))) throw new AppError("bad_request", `folder: must lie inside ${allowed}.`);
  return real;
}
