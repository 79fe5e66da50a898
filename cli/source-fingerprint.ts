import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What a production build is made from; a change to any of these needs a new build. */
const buildInputs = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

const isTestFile = (path: string) => /\.test\.tsx?$/.test(path);
// Model files are served as they are and never compiled; hashing hundreds of megabytes would slow every start.
const isModelFile = (path: string) => path.startsWith("public/models/");

function listFiles(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((entry) => listFiles(root, relative(root, join(full, entry))));
}

/** A hash of every build input's path and content. */
export function computeSourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const path of buildInputs
    .flatMap((input) => listFiles(root, input))
    .filter((path) => !isTestFile(path) && !isModelFile(path))) {
    hash
      .update(path)
      .update("\0")
      .update(readFileSync(join(root, path)))
      .update("\0");
  }
  return hash.digest("hex");
}
