import "server-only";
import { createWriteStream, existsSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import { isInside } from "./resolve-import-folder";

/**
 * Unpacks an uploaded benchmark zip into a folder and finds the benchmark in
 * it: `data/` at the top, or inside the one folder the zip holds (zips made
 * by compressing a folder). yauzl refuses absolute and `..` names and checks
 * each entry's size against its header; the entry count and the total size
 * are capped here, so a zip bomb stops at the cap instead of filling the disk.
 */

/**
 * `maxRatio`: how many times larger than its compressed bytes an entry of
 * over a megabyte may unpack. Pictures barely compress and JSON about tenfold;
 * a thousandfold entry is a bomb, refused from its header before a byte of it
 * is written.
 */
export type ZipLimits = { maxEntries: number; maxBytes: number; maxRatio: number };

const ratioFloorBytes = 2 ** 20;

const isJunk = (name: string) =>
  name.startsWith("__MACOSX/") || name.split("/").some((part) => part.startsWith("._") || part === ".DS_Store");

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );
}

export async function unpackBenchmarkZip(zipPath: string, into: string, limits: ZipLimits): Promise<string> {
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    throw new AppError("bad_request", `The upload is not a readable zip file: ${(error as Error).message}`);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new AppError(
      "payload_too_large",
      `The zip holds ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted.`,
    );
  }
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(
        error instanceof AppError
          ? error
          : new AppError("bad_request", `The zip could not be unpacked: ${(error as Error).message}`),
      );
    };
    zip.on("error", fail);
    zip.on("end", resolve);
    zip.on("entry", (entry: Entry) => {
      const name = entry.fileName;
      if (name.endsWith("/") || isJunk(name)) return zip.readEntry();
      if (
        entry.uncompressedSize > ratioFloorBytes &&
        entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)
      ) {
        return fail(
          new AppError(
            "payload_too_large",
            `The zip entry ${JSON.stringify(name)} unpacks to ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times its size; at most ${limits.maxRatio} times is accepted.`,
          ),
        );
      }
      total += entry.uncompressedSize;
      if (total > limits.maxBytes)
        return fail(
          new AppError(
            "payload_too_large",
            `The zip unpacks to more than ${Math.round(limits.maxBytes / 2 ** 20)} MB.`,
          ),
        );
      const target = join(into, name);
      if (!isInside(into, target))
        return fail(new AppError("bad_request", `The zip entry ${JSON.stringify(name)} points outside the benchmark.`));
      mkdir(dirname(target), { recursive: true })
        .then(() => openEntry(zip, entry))
        .then((stream) => pipeline(stream, createWriteStream(target)))
        .then(() => zip.readEntry(), fail);
    });
    zip.readEntry();
  });
  if (existsSync(join(into, "data"))) return into;
  const folders = readdirSync(into, { withFileTypes: true }).filter(
    (entry) => entry.isDirectory() && !entry.name.startsWith("."),
  );
  if (folders.length === 1 && existsSync(join(into, folders[0]!.name, "data"))) return join(into, folders[0]!.name);
  throw new AppError(
    "bad_request",
    "The zip holds no benchmark: put data/<SUBSET>/<SUBSET>.json and images/ at its top, or in the one folder it holds.",
  );
}
