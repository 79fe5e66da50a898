import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import yazl from "yazl";

/** A folder as a zip file's bytes, its files under `prefix`, plus any extra entries (name → content). */
export async function zipFolder(folder: string, prefix = "", extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    zip.addFile(path, `${prefix}${relative(folder, path)}`);
  }
  for (const [name, content] of Object.entries(extra)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
