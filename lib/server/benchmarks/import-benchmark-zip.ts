import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { BenchmarkSubsetRecord } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { importBenchmarkSubsets } from "./import-benchmark-subset";
import { unpackBenchmarkZip } from "./unpack-benchmark-zip";

/** More entries than any benchmark needs (PreferImg-Bench has about 30,000 pictures), few enough to refuse a zip of tiny files. */
const maxEntries = 500_000;
/** An entry may unpack to at most this many times its compressed size (see ZipLimits). */
const maxCompressionRatio = 100;

/**
 * Imports the subsets of an uploaded zip: the body is written to a
 * temporary file (hashed on the way, and cut off past the size limit),
 * unpacked next to it, and imported all or nothing like a folder; the
 * temporary files go whatever happens. The zip's hash names its source, so
 * the same zip imported twice is refused like the same folder.
 */
export async function importBenchmarkZip(
  database: Database,
  ownerId: string,
  options: { body: ReadableStream<Uint8Array>; name: string; subsets?: string[]; dataDir: string; maxBytes: number },
): Promise<BenchmarkSubsetRecord[]> {
  const workspace = join(options.dataDir, "tmp", `benchmark-upload-${randomUUID()}`);
  await mkdir(workspace, { recursive: true });
  try {
    const zipPath = join(workspace, "upload.zip");
    const hash = createHash("sha256");
    let bytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > options.maxBytes)
          return done(
            new AppError(
              "payload_too_large",
              `The zip is larger than ${Math.round(options.maxBytes / 2 ** 20)} MB (BENCHMARK_UPLOAD_MAX_MB).`,
            ),
          );
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(options.body as WebReadableStream<Uint8Array>),
      measure,
      createWriteStream(zipPath),
    );
    if (bytes === 0) throw new AppError("bad_request", "The upload is empty: send the zip file as the request body.");
    const folder = await unpackBenchmarkZip(zipPath, join(workspace, "unpacked"), {
      maxEntries,
      maxBytes: options.maxBytes * 2 + 256 * 2 ** 20,
      maxRatio: maxCompressionRatio,
    });
    const source = `${options.name} (uploaded zip, sha256 ${hash.digest("hex").slice(0, 16)})`;
    return await importBenchmarkSubsets(database, ownerId, { folder, subsets: options.subsets, source });
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}
