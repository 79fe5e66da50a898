import { z } from "zod";
import { flattenProfile, isStrictCorrect, readStrictAnswer, tags } from "./official";

/**
 * The official evaluation's results file, `rec_results_<run>_<subset>.json`
 * (PROTOCOL.md §5), read and written unchanged.
 */

const resultRowSchema = z
  .object({
    imageA: z.string(),
    imageB: z.string(),
    question: z.string(),
    ground_truth: z.string(),
    model_output: z.string(),
    extracted_answer: z.string().nullable(),
    correct: z.union([z.literal(0), z.literal(1), z.boolean()]).transform(Number),
    predicted_preference_profile: z.string().nullable().optional(),
    predicted_non_preference_profile: z.string().nullable().optional(),
  })
  .loose();

const resultsFileSchema = z.object({ accuracy: z.number(), results: z.array(resultRowSchema) }).loose();

export type ResultRow = z.infer<typeof resultRowSchema>;
export type ResultsFile = z.infer<typeof resultsFileSchema>;

export function readResultsFile(data: unknown): ResultsFile {
  const parsed = resultsFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`Not an official results file: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
}

/** One row as the official evaluation writes it, from a sample and the model's output. */
export function toResultRow(
  sample: { imageA: string; imageB: string; question: string; label: string },
  modelOutput: string,
): ResultRow {
  return {
    imageA: sample.imageA,
    imageB: sample.imageB,
    question: sample.question,
    ground_truth: sample.label,
    model_output: modelOutput,
    extracted_answer: readStrictAnswer(modelOutput),
    correct: isStrictCorrect(modelOutput, sample.label) ? 1 : 0,
    predicted_preference_profile: flattenProfile(modelOutput, tags.preference),
    predicted_non_preference_profile: flattenProfile(modelOutput, tags.nonPreference),
  };
}

/** The whole file: accuracy in percent over the rows, then the rows. */
export function toResultsFile(rows: ResultRow[]): ResultsFile {
  const correct = rows.reduce((total, row) => total + row.correct, 0);
  return { accuracy: rows.length === 0 ? 0 : (correct / rows.length) * 100, results: rows };
}
