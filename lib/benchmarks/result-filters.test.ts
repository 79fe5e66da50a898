import { describe, expect, it } from "vitest";
import {
  type BrowsedResult,
  countIssueCodes,
  filterResults,
  readResultFilters,
  toResultFilterQuery,
} from "./result-filters";

const run = "6f1c1f5e-2b1a-4c37-9a55-0d7a8f1f2a10";
const row = (id: string, change: Partial<BrowsedResult>): BrowsedResult => ({
  id,
  sampleId: `s-${id}`,
  sampleIndex: Number(id),
  officialOrder: Number(id),
  label: "Image A",
  answer: "Image A",
  strictCorrect: true,
  lenientCorrect: true,
  formatValid: true,
  issueCodes: [],
  dreamsimVote: null,
  cached: false,
  swapConsistent: null,
  swapRun: false,
  runId: run,
  subset: "TEST_SP_ID",
  model: "m",
  ...change,
});

const rows = [
  row("1", {}),
  row("2", {
    answer: "Image B",
    strictCorrect: false,
    lenientCorrect: false,
    issueCodes: ["answer-contradicts-totals"],
  }),
  row("3", {
    label: "Image B",
    answer: null,
    strictCorrect: false,
    lenientCorrect: false,
    issueCodes: ["missing-answer", "truncated", "truncated"],
    subset: "TEST_MP_OD",
  }),
  row("4", {
    label: "Image B",
    answer: "image b.",
    strictCorrect: false,
    lenientCorrect: true,
    issueCodes: ["invalid-answer"],
  }),
];
const ids = (list: BrowsedResult[]) => list.map((entry) => entry.id);

describe("the failure browser's filters", () => {
  it("filters by outcome, label, answer, issue and subset together", () => {
    expect(ids(filterResults(rows, { runs: [], outcome: "wrong" }, null))).toEqual(["2", "3", "4"]);
    expect(ids(filterResults(rows, { runs: [], outcome: "wrong", label: "B" }, null))).toEqual(["3", "4"]);
    expect(ids(filterResults(rows, { runs: [], answer: "none" }, null))).toEqual(["3"]);
    expect(ids(filterResults(rows, { runs: [], answer: "other" }, null))).toEqual(["4"]);
    expect(ids(filterResults(rows, { runs: [], issue: "any" }, null))).toEqual(["2", "3", "4"]);
    expect(ids(filterResults(rows, { runs: [], issue: "none" }, null))).toEqual(["1"]);
    expect(ids(filterResults(rows, { runs: [], issue: "truncated" }, null))).toEqual(["3"]);
    expect(ids(filterResults(rows, { runs: [], subset: "TEST_SP_ID" }, null))).toEqual(["1", "2", "4"]);
  });

  it("filters by DreamSim's vote against the model's answer", () => {
    const voted = [
      row("1", { dreamsimVote: "Image A" }),
      row("2", { dreamsimVote: "Image B" }),
      row("3", { dreamsimVote: "tie" }),
      row("4", {}),
      row("5", { answer: null, dreamsimVote: "Image B" }),
    ];
    expect(ids(filterResults(voted, { runs: [], dreamsim: "disagree" }, null))).toEqual(["2"]);
    expect(ids(filterResults(voted, { runs: [], dreamsim: "agree" }, null))).toEqual(["1"]);
    expect(ids(filterResults(voted, { runs: [], dreamsim: "unvoted" }, null))).toEqual(["4"]);
  });

  it("keeps the samples inconsistent under swap: the answer followed the position, or one order gave none", () => {
    const swapped = [
      row("1", { swapConsistent: true, swapRun: true }),
      row("2", { swapConsistent: false, swapRun: true }),
      row("3", { swapConsistent: null, swapRun: true }),
      // A run assessed in one order only: neither consistent nor not.
      row("4", { swapConsistent: null }),
    ];
    expect(ids(filterResults(swapped, { runs: [], swap: "inconsistent" }, null))).toEqual(["2", "3"]);
    expect(ids(filterResults(swapped, { runs: [], swap: "consistent" }, null))).toEqual(["1"]);
    expect(readResultFilters(new URLSearchParams("swap=inconsistent")).swap).toBe("inconsistent");
  });

  it("keeps only the outputs holding the searched text once the server has said which", () => {
    expect(ids(filterResults(rows, { runs: [], outcome: "wrong", q: "cold" }, new Set(["1", "2"])))).toEqual(["2"]);
  });

  it("counts each issue once per row", () => {
    expect(countIssueCodes(rows)).toEqual([
      ["answer-contradicts-totals", 1],
      ["invalid-answer", 1],
      ["missing-answer", 1],
      ["truncated", 1],
    ]);
  });

  it("round-trips through the address, dropping what does not fit", () => {
    const filters = {
      runs: [run],
      subset: "TEST_SP_ID",
      outcome: "wrong" as const,
      issue: "total-mismatch",
      q: "warm tones",
    };
    const query = toResultFilterQuery(filters);
    expect(query).toBe(`runs=${run}&subset=TEST_SP_ID&outcome=wrong&issue=total-mismatch&q=warm+tones`);
    expect(readResultFilters(new URLSearchParams(query))).toEqual(filters);
    expect(readResultFilters(new URLSearchParams("runs=nope&outcome=maybe&label=C&answer=A"))).toEqual({
      runs: [],
      answer: "A",
    });
  });
});
