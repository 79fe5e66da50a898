import "server-only";
import { csvCell } from "@/lib/benchmarks/csv-cell";
import { findResultsForExport } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { findSimilarityVotes } from "@/lib/db/similarity-votes";
import { agreesWithModel } from "@/lib/dreamsim/similarity-vote";
import { readStrictAnswer } from "@/lib/preferthinker/official";
import { type ResultsFile, toResultRow, toResultsFile } from "@/lib/preferthinker/results-format";

/** A run's results as the official evaluation writes them (rec_results), in the official order, ready for its tooling. */
export async function exportOfficialResults(database: Database, runId: string): Promise<ResultsFile> {
  const rows = await findResultsForExport(database, runId);
  return toResultsFile(rows.map((row) => toResultRow({ imageA: row.sample.imageAPath, imageB: row.sample.imageBPath, question: "", label: row.sample.label }, row.output)));
}

/** One line per result, for spreadsheets: the sample, the answer read, every verdict, the time taken, and DreamSim's vote when stored. */
export async function exportCsvResults(database: Database, runId: string): Promise<string> {
  const [rows, votes] = await Promise.all([findResultsForExport(database, runId), findSimilarityVotes(database, runId)]);
  const voteBySample = new Map(votes.map((vote) => [vote.sampleId, vote.vote]));
  const header = ["index", "imageA", "imageB", "label", "answer", "strict_correct", "lenient_correct", "format_valid", "issues", "milliseconds", "dreamsim_vote", "dreamsim_agrees"];
  const lines = rows.map((row) => {
    const answer = readStrictAnswer(row.output);
    const vote = voteBySample.get(row.sampleId) ?? null;
    const agrees = vote === "Image A" || vote === "Image B" || vote === "tie" ? agreesWithModel(vote, answer) : null;
    return [row.sample.index, row.sample.imageAPath, row.sample.imageBPath, row.sample.label, answer, row.strictCorrect, row.lenientCorrect, row.formatValid, row.issueCodes.join(" "), row.milliseconds, vote, agrees]
      .map(csvCell)
      .join(",");
  });
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
