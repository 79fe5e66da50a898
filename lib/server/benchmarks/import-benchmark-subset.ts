import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, realpathSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getConfig } from "@/lib/config";
import { describeByteLimit } from "@/lib/http/read-bounded-body";
import {
  type BenchmarkSubsetRecord,
  createBenchmarkSubsets,
  findImportedSubsets,
  type NewBenchmarkSample,
} from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { getImageLibrary, ingestFiles } from "@/lib/images/image-library";
import {
  type BenchmarkSample,
  type BenchmarkSubset,
  benchmarkSubsets,
  isRejected,
  notAnArray,
  readBenchmarkSample,
  type RejectedSample,
} from "@/lib/preferthinker/benchmark-format";
import { pythonShufflePositions } from "@/lib/preferthinker/python-random";
import { findBenchmarkSubsets } from "./assess-benchmark-folder";
import { JsonArrayError, readJsonArray } from "./read-json-array";
import { isInside } from "./resolve-import-folder";

/**
 * Imports PreferImg-Bench subsets from a folder (`data/<SUBSET>/<SUBSET>.json`
 * and `images/`) into a researcher's account, all or nothing: every sample of
 * every subset is checked and every picture found before anything is
 * written; then the pictures go into the researcher's library (through the
 * checks of an upload, one stored copy per content hash), and the subsets
 * and samples are written in one transaction.
 *
 * A subset file is read twice as a stream, never whole: once to check every
 * sample and find its pictures, once to write the rows in batches. Memory
 * follows the number of distinct pictures, not of samples.
 */

export type ImportProgress = { stage: "images"; done: number; total: number };

/** A checked subset file: where it is, how many samples it holds, and each picture path's file. */
type ReadSubset = { name: BenchmarkSubset; path: string; count: number; files: Map<string, string> };

/**
 * Pictures are taken in batches bounded by bytes, not by count: a batch is
 * copied to temporary files and handed to the image library together, so
 * this caps the disk and decoder work in flight whether the benchmark holds
 * thumbnails or 20 MB photographs. At most `batchFiles` a batch keeps one
 * database round of many tiny pictures from growing without end.
 */
const batchBytes = 64 * 2 ** 20;
const batchFiles = 64;

/** Consecutive runs of files whose sizes add up to at most `batchBytes` (one file alone may be larger). */
export function splitByBytes<T extends { size: number }>(
  files: readonly T[],
  maxBytes = batchBytes,
  maxFiles = batchFiles,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (bytes + file.size > maxBytes || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export async function importBenchmarkSubsets(
  database: Database,
  ownerId: string,
  options: {
    folder: string;
    subsets?: string[];
    /**
     * Where the subsets came from, as people see it and as the import is known
     * again (a second import from the same source is a 409): a folder's name
     * relative to its allowed root, an uploaded zip's name. Never a server path.
     */
    source: string;
    onProgress?: (progress: ImportProgress) => void;
  },
): Promise<BenchmarkSubsetRecord[]> {
  const folder = realpathSync(options.folder);
  const source = options.source;
  const names = chooseSubsets(folder, source, options.subsets);
  const read: ReadSubset[] = [];
  for (const name of names) read.push(await readSubset(folder, name));
  const already = await findImportedSubsets(database, ownerId, source, names);
  if (already.length > 0) {
    throw new AppError(
      "conflict",
      `Already imported from ${source}: ${already.map((subset) => `${subset.name} (subset ${subset.id})`).join(", ")}.`,
    );
  }
  const imageIds = await ingestPictures(database, ownerId, read, options.onProgress);
  try {
    return await createBenchmarkSubsets(
      database,
      ownerId,
      read.map((subset) => ({
        name: subset.name,
        source,
        samples: readRows(subset, imageIds),
      })),
    );
  } catch (error) {
    // Two imports of the same subset at once: the unique index lets one through.
    if (isUniqueViolation(error))
      throw new AppError("conflict", `Already imported from ${source}: ${names.join(", ")}.`);
    throw error;
  }
}

function chooseSubsets(folder: string, label: string, wanted: string[] | undefined): BenchmarkSubset[] {
  let present: BenchmarkSubset[];
  try {
    present = findBenchmarkSubsets(folder);
  } catch {
    throw new AppError(
      "bad_request",
      `${label} has no data/ folder: a benchmark folder holds data/<SUBSET>/<SUBSET>.json and images/.`,
    );
  }
  if (!wanted || wanted.length === 0) {
    if (present.length === 0)
      throw new AppError("bad_request", `${label} holds no subset (known: ${benchmarkSubsets.join(", ")}).`);
    return present;
  }
  const upper = [...new Set(wanted.map((name) => name.trim().toUpperCase()))];
  const missing = upper.filter((name) => !present.includes(name as BenchmarkSubset));
  if (missing.length > 0)
    throw new AppError(
      "bad_request",
      `subsets: ${label} has no ${missing.join(", ")}; it has ${present.join(", ") || "none"}.`,
    );
  return upper as BenchmarkSubset[];
}

/** The picture paths of a sample, each with the field that names it. */
function picturesOf(sample: BenchmarkSample): [string, string][] {
  return [
    ["imageA", sample.imageA],
    ["imageB", sample.imageB],
    ...sample.prefered_images.map((image, i): [string, string] => [`prefered_images.${i}`, image]),
    ...sample.non_prefered_images.map((image, i): [string, string] => [`non_prefered_images.${i}`, image]),
  ];
}

/** Where a subset's file is, confined to the benchmark folder. */
function subsetFile(folder: string, name: BenchmarkSubset): string {
  // Confined like the pictures: a data/ entry that is a link out of the folder is not read, so no other file's text can reach a message.
  const path = realpathSync(/* turbopackIgnore: true */ join(folder, "data", name, `${name}.json`));
  if (!isInside(folder, path))
    throw new AppError(
      "unprocessable",
      `${name}: data/${name}/${name}.json lies outside the benchmark folder (a link). Nothing was imported.`,
    );
  return path;
}

/** The samples of a subset file as they stream in, checked; a file that is not a JSON array is an AppError. */
async function* readSamples(name: BenchmarkSubset, path: string): AsyncGenerator<BenchmarkSample | RejectedSample> {
  try {
    for await (const { index, value } of readJsonArray(path)) yield readBenchmarkSample(value, index);
  } catch (error) {
    if (!(error instanceof JsonArrayError)) throw error;
    if (error.isNotAnArray) throw rejection(name, notAnArray, 0);
    throw new AppError("unprocessable", `${name}: ${name}.json is not readable JSON: ${error.message}`);
  }
}

function rejection(name: BenchmarkSubset, first: RejectedSample, more: number): AppError {
  const where = first.index < 0 ? "the file" : `sample ${first.index}`;
  return new AppError(
    "unprocessable",
    `${name}: ${where}: ${first.field}: ${first.reason}${more > 0 ? ` (and ${more} more unusable sample(s))` : ""}. Nothing was imported.`,
  );
}

/**
 * A subset checked whole: every sample valid and every picture found, or an
 * error naming the first sample that is not (an unusable sample is named
 * before a missing picture, wherever each comes in the file).
 */
async function readSubset(folder: string, name: BenchmarkSubset): Promise<ReadSubset> {
  const path = subsetFile(folder, name);
  const files = new Map<string, string>();
  let count = 0;
  let firstRejected: RejectedSample | undefined;
  let rejectedCount = 0;
  let missingPicture: AppError | undefined;
  for await (const read of readSamples(name, path)) {
    if (isRejected(read)) {
      firstRejected ??= read;
      rejectedCount++;
      continue;
    }
    count++;
    if (missingPicture || firstRejected) continue;
    for (const [field, relative] of picturesOf(read)) {
      if (files.has(relative)) continue;
      const found = findPicture(folder, name, relative);
      if (!found) {
        missingPicture = new AppError(
          "unprocessable",
          `${name}: sample ${read.index}: ${field}: no picture ${JSON.stringify(relative)} under images/, data/${name}/ or the folder itself. Nothing was imported.`,
        );
        break;
      }
      files.set(relative, found);
    }
  }
  if (firstRejected) throw rejection(name, firstRejected, rejectedCount - 1);
  if (missingPicture) throw missingPicture;
  return { name, path, count, files };
}

/**
 * Where a sample's path points, as the official code looks (images/ first); never outside the folder.
 * The folder is chosen at run time: `turbopackIgnore` keeps the build from tracing the project for it.
 */
function findPicture(folder: string, subset: string, relative: string): string | null {
  for (const place of [
    join(folder, "images", relative),
    join(folder, "data", subset, relative),
    join(folder, relative),
  ]) {
    if (!existsSync(/* turbopackIgnore: true */ place)) continue;
    const real = realpathSync(/* turbopackIgnore: true */ place);
    if (isInside(folder, real)) return real;
  }
  return null;
}

/**
 * Every distinct picture taken in as the subset's (outside the owner's
 * library); its image id by file. Each file's size is checked against
 * IMAGE_MAX_BYTES before it is read, and files are copied and hashed as
 * streams, so memory holds no picture whole whatever the benchmark holds.
 */
async function ingestPictures(
  database: Database,
  ownerId: string,
  read: ReadSubset[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<Map<string, string>> {
  // A picture by its file on disk, named in messages by the sample's path to it (never the server's).
  const byPath = new Map<string, string>();
  for (const subset of read)
    for (const [relative, path] of subset.files) if (!byPath.has(path)) byPath.set(path, relative);
  const library = getImageLibrary();
  const maxBytes = getConfig().images.maxBytes;
  const ids = new Map<string, string>();
  // Every size is checked before any picture is read, so an oversized one refuses the import at once.
  const sized = await Promise.all(
    [...byPath.keys()].map(async (path) => {
      const { size } = await stat(path);
      if (size > maxBytes)
        throw new AppError(
          "payload_too_large",
          `${byPath.get(path)}: the picture is ${size >= 2 ** 20 ? `${(size / 2 ** 20).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`}; at most ${describeByteLimit(maxBytes)} is accepted (IMAGE_MAX_BYTES). Nothing was imported.`,
        );
      return { path, size };
    }),
  );
  let done = 0;
  for (const files of splitByBytes(sized)) {
    const batch = files.map((file) => file.path);
    const received = await Promise.all(
      files.map(async ({ path, size }) => {
        const temporary = await library.store.temporaryPath();
        const hash = createHash("sha256");
        await pipeline(
          createReadStream(path),
          new PassThrough().on("data", (chunk: Buffer) => hash.update(chunk)),
          createWriteStream(temporary),
        );
        return { name: basename(path), path: temporary, bytes: size, sha256: hash.digest("hex") };
      }),
    );
    const results = await ingestFiles(database, ownerId, received, null);
    results.forEach((result, i) => {
      if ("error" in result) throw new AppError(result.error.code, `${byPath.get(batch[i]!)}: ${result.error.message}`);
      ids.set(batch[i]!, result.image.id);
    });
    done += files.length;
    onProgress?.({ stage: "images", done, total: sized.length });
  }
  return ids;
}

/**
 * The subset's rows, read from its file a second time, each with its place
 * in the official order (the seed-42 shuffle of the file's order). A file
 * that changed since it was checked stops the import.
 */
async function* readRows(subset: ReadSubset, imageIds: Map<string, string>): AsyncGenerator<NewBenchmarkSample> {
  const changed = () =>
    new AppError(
      "conflict",
      `${subset.name}: ${subset.name}.json changed while it was being imported. Nothing was imported; import it again.`,
    );
  const idOf = (relative: string) => {
    const id = imageIds.get(subset.files.get(relative) ?? "");
    if (id === undefined) throw changed();
    return id;
  };
  const positions = pythonShufflePositions(subset.count, 42);
  let count = 0;
  for await (const sample of readSamples(subset.name, subset.path)) {
    if (isRejected(sample) || sample.index >= subset.count) throw changed();
    count++;
    yield {
      index: sample.index,
      officialOrder: positions[sample.index]!,
      imageAId: idOf(sample.imageA),
      imageBId: idOf(sample.imageB),
      preferredImageIds: sample.prefered_images.map(idOf),
      nonPreferredImageIds: sample.non_prefered_images.map(idOf),
      imageAPath: sample.imageA,
      imageBPath: sample.imageB,
      preferredPaths: sample.prefered_images,
      nonPreferredPaths: sample.non_prefered_images,
      label: sample.label,
      userId: sample.user_id === undefined ? null : String(sample.user_id),
      preferAttributes: (sample.prefer_attributes as object | undefined) ?? null,
      nonPreferAttributes: (sample.non_prefer_attributes as object | undefined) ?? null,
    };
  }
  if (count !== subset.count) throw changed();
}
