import { describe, expect, it } from "vitest";
import { findLabel, findSubset, readBenchmarkSamples } from "./benchmark-format";
import { readResultsFile, toResultRow, toResultsFile } from "./results-format";

const sample = (overrides: Record<string, unknown> = {}) => ({
  imageA: "a.png",
  imageB: "b.png",
  prefered_images: ["p1.png", "p2.png"],
  non_prefered_images: ["n1.png"],
  conversations: [{ from: "human", value: "Image B" }],
  ...overrides,
});

describe("the label rule", () => {
  it("reads the evaluation layout from conversations[0]", () => {
    expect(findLabel([{ from: "human", value: "Image A" }])).toEqual({ label: "Image A" });
  });

  it("prefers the answer in the assistant turn of the training layout", () => {
    expect(
      findLabel([
        { from: "human", value: "<image>… which one?" },
        { from: "gpt", value: "<think>…</think><answer> Image B </answer>" },
      ]),
    ).toEqual({ label: "Image B" });
    expect(
      findLabel([
        { from: "user", value: "q" },
        { from: "assistant", value: "<answer>Image A</answer>" },
      ]),
    ).toEqual({ label: "Image A" });
  });

  it("falls back to conversations[0] when the assistant turn has no answer", () => {
    expect(
      findLabel([
        { from: "human", value: "Image A" },
        { from: "gpt", value: "no tags" },
      ]),
    ).toEqual({ label: "Image A" });
  });
});

describe("readBenchmarkSamples", () => {
  it("keeps good samples with their index and label, and reports each bad one", () => {
    const { samples, rejected } = readBenchmarkSamples([
      sample(),
      sample({ imageA: "" }),
      sample({ prefered_images: [] }),
      sample({ conversations: [{ from: "human", value: "Image C" }] }),
      "not an object",
      sample({ user_id: 17, prefer_attributes: { Color: "warm" } }),
    ]);
    expect(samples.map((entry) => [entry.index, entry.label])).toEqual([
      [0, "Image B"],
      [5, "Image B"],
    ]);
    expect(rejected).toEqual([
      { index: 1, field: "imageA", reason: "must be a non-empty image path" },
      { index: 2, field: "prefered_images", reason: "must list at least one image" },
      {
        index: 3,
        field: "conversations[0].value",
        reason: 'the label must be "Image A" or "Image B", found "Image C"',
      },
      { index: 4, field: "(sample)", reason: expect.stringContaining("object") },
    ]);
  });

  it("names the subset a file belongs to", () => {
    expect(findSubset("data/TEST_MP_OD/TEST_MP_OD.json")).toBe("TEST_MP_OD");
    expect(findSubset("rec_results_run1_test_pickapic.json")).toBe("TEST_PICKAPIC");
    expect(findSubset("other.json")).toBeNull();
  });
});

describe("official results files", () => {
  it("writes rows the official way and reads them back unchanged", () => {
    const output =
      '<visual preference profile>\n"Color": "Warm."\n</visual preference profile>\n<answer>Image A</answer>';
    const row = toResultRow({ imageA: "a.png", imageB: "b.png", question: "q", label: "Image A" }, output);
    expect(row).toMatchObject({
      extracted_answer: "Image A",
      correct: 1,
      ground_truth: "Image A",
      predicted_preference_profile: "color: warm.",
      predicted_non_preference_profile: "",
    });
    const wrong = toResultRow(
      { imageA: "c.png", imageB: "d.png", question: "q", label: "Image B" },
      "<answer>image b</answer>",
    );
    const file = toResultsFile([row, wrong]);
    expect(file.accuracy).toBe(50);
    expect(readResultsFile(JSON.parse(JSON.stringify(file)))).toEqual(file);
  });

  it("refuses a file that is not one, naming the field", () => {
    expect(() => readResultsFile({ accuracy: 1, results: [{ imageA: "a" }] })).toThrowError(
      /^Not an official results file: results\.0\.imageB/,
    );
  });
});
