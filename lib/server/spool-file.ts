import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { type FileHandle, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A temporary file an export writes a part of its output into while it reads
 * the database once, and sends later, so that part never sits in memory
 * (a zip's data.json after its pictures; a results file's rows after the
 * accuracy that heads them). Only this process can read it (mode 0600), and
 * `remove` deletes it, so call it in a `finally`.
 */
export type SpoolFile = {
  /** Appends text; resolves once the file system has it, so a writer never runs ahead of the disk. */
  write(text: string): Promise<void>;
  /** Ends writing; then the bytes written, from the start, in chunks of 64 KiB (breaking out of the loop closes the file). */
  read(): AsyncIterable<Uint8Array>;
  remove(): Promise<void>;
};

/** A new, empty spool file under the system's temporary folder; `label` goes in its name, for whoever finds one a crash left. */
export async function createSpoolFile(label: string): Promise<SpoolFile> {
  const path = join(tmpdir(), `preferthinker-${label}-${randomUUID()}`);
  let handle: FileHandle | null = await open(path, "wx", 0o600);
  const close = async () => {
    const open = handle;
    handle = null;
    await open?.close();
  };
  return {
    async write(text) {
      if (!handle) throw new Error("The spool file is already being read.");
      await handle.write(text);
    },
    async *read() {
      await close();
      for await (const chunk of createReadStream(path)) yield chunk as Buffer;
    },
    async remove() {
      await close();
      await rm(path, { force: true });
    },
  };
}
