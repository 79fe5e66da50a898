import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";

/**
 * Where image files live, content-addressed by the sha256 of the original
 * bytes: the folder below, or an S3-compatible bucket (s3-image-store.ts).
 */
export type ImageVariant = "original" | "normalized" | "thumb";

/** Bytes `start` to `end` of a file, both included, as an HTTP range names them. */
export type ByteRange = { start: number; end: number };

export interface ImageStore {
  /** Stores the three files of one image; each appears whole or not at all. */
  put(sha256: string, files: { originalPath: string; normalized: Buffer; thumbnail: Buffer }): Promise<void>;
  /** True once the original is stored: it is written last, so the image is whole. */
  has(sha256: string): Promise<boolean>;
  /** A file as a stream, whole or one range of it (`bytes`: what the stream holds); null when it is missing. */
  read(sha256: string, variant: ImageVariant, range?: ByteRange): Promise<{ stream: Readable; bytes: number } | null>;
  /** A file's size in bytes, null when it is missing (to answer a range request before reading). */
  size(sha256: string, variant: ImageVariant): Promise<number | null>;
  /** A whole file at once (for an assessor, which needs all of it anyway); null when it is missing. */
  readBytes(sha256: string, variant: ImageVariant): Promise<Buffer | null>;
  /** Every stored image's hash and when its files were written. */
  list(): Promise<{ sha256: string; modifiedAt: Date }[]>;
  remove(sha256: string): Promise<void>;
  /** A fresh path for an upload in progress, on the same file system as the store. */
  temporaryPath(): Promise<string>;
  /** Deletes uploads in progress older than `olderThanMs` (left by a crash). */
  sweepTemporary(olderThanMs: number): Promise<number>;
}

export const fileNames: Record<ImageVariant, string> = {
  original: "original",
  normalized: "normalized.jpg",
  thumb: "thumb.webp",
};
export const isSha256 = (value: string) => /^[0-9a-f]{64}$/.test(value);

/**
 * The folder store: DATA_DIR/images/ab/abcdef…/{original,normalized.jpg,thumb.webp}.
 * Its paths are under a folder chosen at run time; the `turbopackIgnore`
 * markers stop the build from reading them as paths into the project and
 * tracing (or scanning) the project's own files for them.
 */
export class FolderImageStore implements ImageStore {
  private readonly temporaryDir: string;

  constructor(private readonly root: string) {
    this.temporaryDir = join(/* turbopackIgnore: true */ root, ".tmp");
  }

  private folderOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async temporaryPath(): Promise<string> {
    await mkdir(this.temporaryDir, { recursive: true });
    return join(this.temporaryDir, randomUUID());
  }

  async put(sha256: string, files: { originalPath: string; normalized: Buffer; thumbnail: Buffer }): Promise<void> {
    const folder = this.folderOf(sha256);
    await mkdir(folder, { recursive: true });
    // Write beside, then rename: a reader never sees half a file, and a
    // crash leaves only a temporary file for the sweep.
    const place = async (variant: ImageVariant, content: Buffer) => {
      const temporary = await this.temporaryPath();
      await writeFile(temporary, content);
      await rename(temporary, join(/* turbopackIgnore: true */ folder, fileNames[variant]));
    };
    await place("normalized", files.normalized);
    await place("thumb", files.thumbnail);
    // The original goes last: its presence marks the image as complete.
    await rename(files.originalPath, join(/* turbopackIgnore: true */ folder, fileNames.original));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(
      /* turbopackIgnore: true */ join(/* turbopackIgnore: true */ this.folderOf(sha256), fileNames.original),
    ).then(
      () => true,
      () => false,
    );
  }

  async read(
    sha256: string,
    variant: ImageVariant,
    range?: ByteRange,
  ): Promise<{ stream: Readable; bytes: number } | null> {
    const path = join(/* turbopackIgnore: true */ this.folderOf(sha256), fileNames[variant]);
    const info = await stat(/* turbopackIgnore: true */ path).catch(() => null);
    if (!info) return null;
    if (!range) return { stream: createReadStream(/* turbopackIgnore: true */ path), bytes: info.size };
    const end = Math.min(range.end, info.size - 1);
    return {
      stream: createReadStream(/* turbopackIgnore: true */ path, { start: range.start, end }),
      bytes: Math.max(0, end - range.start + 1),
    };
  }

  async size(sha256: string, variant: ImageVariant): Promise<number | null> {
    const path = join(/* turbopackIgnore: true */ this.folderOf(sha256), fileNames[variant]);
    return (await stat(/* turbopackIgnore: true */ path).catch(() => null))?.size ?? null;
  }

  async readBytes(sha256: string, variant: ImageVariant): Promise<Buffer | null> {
    try {
      return await readFile(
        /* turbopackIgnore: true */ join(/* turbopackIgnore: true */ this.folderOf(sha256), fileNames[variant]),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async list(): Promise<{ sha256: string; modifiedAt: Date }[]> {
    const prefixes = await readdir(this.root).catch(() => [] as string[]);
    const stored: { sha256: string; modifiedAt: Date }[] = [];
    for (const prefix of prefixes.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      for (const sha256 of (await readdir(join(this.root, prefix))).filter(isSha256)) {
        const info = await stat(join(this.root, prefix, sha256)).catch(() => null);
        if (info) stored.push({ sha256, modifiedAt: info.mtime });
      }
    }
    return stored;
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.folderOf(sha256), { recursive: true, force: true });
  }

  async sweepTemporary(olderThanMs: number): Promise<number> {
    const names = await readdir(this.temporaryDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.temporaryDir, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
