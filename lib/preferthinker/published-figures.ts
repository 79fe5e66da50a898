import type { BenchmarkSubset } from "./benchmark-format";

/**
 * Accuracy (%) on PreferImg-Bench as the PreferThinker paper publishes it
 * (arXiv 2511.00609, ICLR 2026, main results table). Reference rows only:
 * these were not measured here, and pages must label them as published.
 */

export const publishedFiguresSource = "PreferThinker paper (arXiv 2511.00609, ICLR 2026)";

export type PublishedRow = {
  method: string;
  /** Accuracy in percent per subset, in the paper's columns. */
  accuracy: Record<BenchmarkSubset, number>;
  /** The paper's own average of the five columns. */
  average: number;
};

function row(
  method: string,
  seenSp: number,
  seenMp: number,
  unseenSp: number,
  unseenMp: number,
  pickapic: number,
  average: number,
): PublishedRow {
  return {
    method,
    accuracy: {
      TEST_SP_ID: seenSp,
      TEST_MP_ID: seenMp,
      TEST_SP_OD: unseenSp,
      TEST_MP_OD: unseenMp,
      TEST_PICKAPIC: pickapic,
    },
    average,
  };
}

export const publishedRows: readonly PublishedRow[] = [
  row("PreferThinker (7B)", 96.6, 92.0, 96.4, 92.8, 65.7, 88.7),
  row("Claude 3.7", 93.8, 83.2, 90.2, 86.0, 64.9, 83.6),
  row("GPT-4o", 94.2, 80.4, 92.2, 85.2, 65.7, 83.5),
  row("ViPer (8B)", 92.4, 78.0, 93.4, 80.0, 62.2, 81.2),
  row("Qwen2.5-VL-7B base", 75.4, 62.0, 72.0, 64.8, 58.0, 66.4),
  row("PickScore", 49.6, 48.4, 51.2, 56.4, 67.9, 54.7),
];
