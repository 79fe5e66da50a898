import { z } from "zod";
import { attributeKeys } from "./attributes";
import { readStrictAnswer } from "./official";
import { pyStrip } from "./python-text";

/**
 * PreferImg-Bench sample files (PROTOCOL.md §5): a JSON array of samples.
 * Each sample is checked on its own; a rejected one is reported with its
 * index, the field at fault and the reason, never silently dropped.
 */

export const benchmarkSubsets = ["TEST_SP_ID", "TEST_SP_OD", "TEST_MP_ID", "TEST_MP_OD", "TEST_PICKAPIC"] as const;
export type BenchmarkSubset = (typeof benchmarkSubsets)[number];

export type Label = "Image A" | "Image B";

const path = z.string().trim().min(1, "must be a non-empty image path");
const attributeProfile = z.object(Object.fromEntries(attributeKeys.map((key) => [key, z.string().optional()]))).loose();

const sampleSchema = z
  .object({
    imageA: path,
    imageB: path,
    prefered_images: z.array(path).min(1, "must list at least one image"),
    non_prefered_images: z.array(path).min(1, "must list at least one image"),
    conversations: z
      .array(z.object({ from: z.string(), value: z.string() }).loose())
      .min(1, "must hold at least one turn"),
    user_id: z.union([z.string(), z.number()]).optional(),
    prefer_attributes: attributeProfile.optional(),
    non_prefer_attributes: attributeProfile.optional(),
    reference_prompt_list: z.array(z.string()).optional(),
  })
  .loose();

export type BenchmarkSample = z.infer<typeof sampleSchema> & { index: number; label: Label };

export type RejectedSample = { index: number; field: string; reason: string };

/**
 * The label rule: the answer in the assistant ("gpt"/"assistant") turn when
 * there is one (training layout), else conversations[0].value (evaluation
 * layout). It must be exactly "Image A" or "Image B" once stripped.
 */
export function findLabel(
  conversations: { from: string; value: string }[],
): { label: Label } | { field: string; reason: string } {
  const assistantIndex = conversations.findIndex((turn) => turn.from === "gpt" || turn.from === "assistant");
  const fromAssistant = assistantIndex >= 0 ? readStrictAnswer(conversations[assistantIndex]!.value) : null;
  const [field, raw] =
    fromAssistant !== null
      ? [`conversations[${assistantIndex}].value`, fromAssistant]
      : ["conversations[0].value", pyStrip(conversations[0]!.value)];
  if (raw === "Image A" || raw === "Image B") return { label: raw };
  return { field, reason: `the label must be "Image A" or "Image B", found ${JSON.stringify(raw.slice(0, 60))}` };
}

/** One entry of a benchmark file, checked: the sample with its label, or why it cannot be used. */
export function readBenchmarkSample(entry: unknown, index: number): BenchmarkSample | RejectedSample {
  const parsed = sampleSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { index, field: issue.path.join(".") || "(sample)", reason: issue.message };
  }
  const label = findLabel(parsed.data.conversations);
  if ("reason" in label) return { index, ...label };
  return { ...parsed.data, index, label: label.label };
}

export const isRejected = (read: BenchmarkSample | RejectedSample): read is RejectedSample => "reason" in read;

/** The message for a file that is not an array of samples. */
export const notAnArray: RejectedSample = {
  index: -1,
  field: "(file)",
  reason: "a benchmark file is a JSON array of samples",
};

export function readBenchmarkSamples(data: unknown): { samples: BenchmarkSample[]; rejected: RejectedSample[] } {
  if (!Array.isArray(data)) return { samples: [], rejected: [notAnArray] };
  const samples: BenchmarkSample[] = [];
  const rejected: RejectedSample[] = [];
  data.forEach((entry: unknown, index) => {
    const read = readBenchmarkSample(entry, index);
    if (isRejected(read)) rejected.push(read);
    else samples.push(read);
  });
  return { samples, rejected };
}

/** The subset a file or folder name names (e.g. "TEST_SP_ID.json"), or null. */
export function findSubset(name: string): BenchmarkSubset | null {
  const upper = name.toUpperCase();
  return benchmarkSubsets.find((subset) => upper.includes(subset)) ?? null;
}
