import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { zipSync } from "fflate";

/** A folder as a zip file's bytes, its files under `prefix`, plus any extra entries (name → content). */
export function zipFolder(folder: string, prefix = "", extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[`${prefix}${relative(folder, path)}`] = new Uint8Array(readFileSync(path));
  }
  for (const [name, content] of Object.entries(extra)) files[name] = new TextEncoder().encode(content);
  // Pictures are compressed already: stored as they are, as zip tools do.
  return zipSync(files, { level: 0 });
}
