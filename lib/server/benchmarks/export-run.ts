import "server-only";
import { csvCell } from "@/lib/benchmarks/csv-cell";
import { findResultsForExportPage, type ResultForExport } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { agreesWithModel } from "@/lib/dreamsim/similarity-vote";
import { readStrictAnswer } from "@/lib/preferthinker/official";
import { toResultRow } from "@/lib/preferthinker/results-format";
import { createSpoolFile } from "@/lib/server/spool-file";
import { streamChunks, toBytes } from "@/lib/server/stream-chunks";

/**
 * A run's results as files, streamed: read from the database a page at a
 * time in the official order, as the client takes them, so the server's
 * memory does not grow with the run. Whether the run exists and may be read
 * is decided before these are called.
 */

export type ExportRunOptions = {
  /** Results per database read (tests make it small); resultPageSize otherwise. */
  pageSize?: number;
  /** The request's signal: the database reads stop when the client goes away. */
  signal?: AbortSignal;
};

/** Results per database read: a page's outputs are a few hundred kilobytes at most. */
export const resultPageSize = 200;

/**
 * A run's results a page at a time, in the official order (keyset on it);
 * none read once the signal aborts. Separate reads, not one snapshot: a
 * result a running run stores meanwhile is included if its page comes later.
 */
async function* readResultPages(
  database: Database,
  runId: string,
  options: { pageSize?: number; signal: AbortSignal },
): AsyncGenerator<ResultForExport[]> {
  const limit = options.pageSize ?? resultPageSize;
  let afterOfficialOrder: number | undefined;
  while (!options.signal.aborted) {
    const rows = await findResultsForExportPage(database, runId, { afterOfficialOrder, limit });
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    afterOfficialOrder = rows.at(-1)!.sample.officialOrder;
  }
}

const toOfficialRow = (row: ResultForExport) =>
  toResultRow(
    { imageA: row.sample.imageAPath, imageB: row.sample.imageBPath, question: "", label: row.sample.label },
    row.output,
  );

/**
 * The file's accuracy comes before its rows, and is known only after the
 * last one: the rows go to a temporary file while they are counted (one
 * read of the database, so the accuracy is that of the rows sent), then the
 * head and that file are sent. Its first byte waits for the whole read.
 */
async function* writeOfficialResults(
  database: Database,
  runId: string,
  options: { pageSize?: number; signal: AbortSignal },
): AsyncGenerator<Uint8Array> {
  const rows = await createSpoolFile("rec-results");
  try {
    let count = 0;
    let correct = 0;
    for await (const page of readResultPages(database, runId, options)) {
      let text = "";
      for (const result of page) {
        const row = toOfficialRow(result);
        correct += row.correct;
        text += `${count++ === 0 ? "" : ","}${JSON.stringify(row)}`;
      }
      await rows.write(text);
    }
    if (options.signal.aborted) return;
    // The same number, written the same way, as toResultsFile and JSON.stringify give for the whole file at once.
    const accuracy = count === 0 ? 0 : (correct / count) * 100;
    yield toBytes(`{"accuracy":${JSON.stringify(accuracy)},"results":[`);
    yield* rows.read();
    yield toBytes("]}");
  } finally {
    await rows.remove();
  }
}

/** A run's results as the official evaluation writes them (rec_results), in the official order, ready for its tooling. */
export function exportOfficialResults(
  database: Database,
  runId: string,
  options: ExportRunOptions = {},
): ReadableStream<Uint8Array> {
  return streamChunks(
    (signal) => writeOfficialResults(database, runId, { pageSize: options.pageSize, signal }),
    options.signal,
  );
}

const csvHeader = [
  "index",
  "imageA",
  "imageB",
  "label",
  "answer",
  "strict_correct",
  "lenient_correct",
  "format_valid",
  "issues",
  "milliseconds",
  "cached",
  "swap_answer",
  "swap_strict_correct",
  "swap_consistent",
  "dreamsim_vote",
  "dreamsim_agrees",
];

function toCsvLine(row: ResultForExport): string {
  const answer = readStrictAnswer(row.output);
  const vote = row.sample.similarityVotes[0]?.vote ?? null;
  const agrees = vote === "Image A" || vote === "Image B" || vote === "tie" ? agreesWithModel(vote, answer) : null;
  return [
    row.sample.index,
    row.sample.imageAPath,
    row.sample.imageBPath,
    row.sample.label,
    answer,
    row.strictCorrect,
    row.lenientCorrect,
    row.formatValid,
    row.issueCodes.join(" "),
    row.milliseconds,
    row.cached,
    // A swap run's second order (image A and image B exchanged); empty for other runs.
    row.swapOutput === null ? null : readStrictAnswer(row.swapOutput),
    row.swapStrictCorrect,
    row.swapConsistent,
    vote,
    agrees,
  ]
    .map(csvCell)
    .join(",");
}

async function* writeCsvResults(
  database: Database,
  runId: string,
  options: { pageSize?: number; signal: AbortSignal },
): AsyncGenerator<Uint8Array> {
  yield toBytes(`${csvHeader.join(",")}\r\n`);
  for await (const page of readResultPages(database, runId, options))
    yield toBytes(page.map((row) => `${toCsvLine(row)}\r\n`).join(""));
}

/** One line per result, for spreadsheets: the sample, the answer read, every verdict, the time taken, and DreamSim's vote when stored. */
export function exportCsvResults(
  database: Database,
  runId: string,
  options: ExportRunOptions = {},
): ReadableStream<Uint8Array> {
  return streamChunks(
    (signal) => writeCsvResults(database, runId, { pageSize: options.pageSize, signal }),
    options.signal,
  );
}
