import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AssessmentListItem } from "@/lib/assessments/assessment-contract";
import { AssessmentRow } from "./AssessmentRow";

const row = (overrides: Partial<AssessmentListItem> = {}): AssessmentListItem => ({
  id: "b2",
  status: "completed",
  mode: "reasoning",
  provider: "baseline",
  endpoint: "baseline",
  model: "baseline-image-statistics",
  candidateImageIds: ["dog", "cat"],
  preferredImageIds: ["p"],
  nonPreferredImageIds: ["n"],
  templateId: "preferthinker-v1",
  settings: {},
  answer: "Image A",
  issueCodes: [],
  error: null,
  judgment: null,
  timings: { queueWaitMs: 0, firstTokenMs: 100, totalMs: 900 },
  usage: { promptTokens: null, completionTokens: null },
  createdAt: "2026-12-03T10:05:00.000Z",
  finishedAt: "2026-12-03T10:05:01.000Z",
  referenceSetId: null,
  swapOfId: null,
  swapOf: null,
  ...overrides,
});

const textOf = (item: AssessmentListItem) =>
  renderToStaticMarkup(<AssessmentRow assessment={item} />)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("a history row", () => {
  it("labels a swap run as the swap check of the run it repeated", () => {
    const original = new Date("2026-12-03T10:00:00.000Z");
    const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(original);
    expect(textOf(row({ swapOf: { id: "a1", createdAt: original.toISOString() } }))).toContain(
      `Swap check of the run of ${when}`,
    );
  });

  it("says nothing of swaps for an ordinary run", () => {
    expect(textOf(row())).not.toContain("Swap check");
  });
});
