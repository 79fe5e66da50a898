import { describe, expect, it } from "vitest";
import { cutAt, feedPieces, fixtureNames, modeOfFixture, readFixture } from "./__fixtures__/fixtures";
import { isLenientCorrect, isStrictCorrect } from "./official";
import { parseAssessment } from "./stream-parser";
import type { IssueCode, ParsedAssessment } from "./types";

const read = (name: string): ParsedAssessment => parseAssessment(readFixture(name), modeOfFixture(name));
const codes = (assessment: ParsedAssessment): IssueCode[] => assessment.issues.map((issue) => issue.code);

describe("reading recorded transcripts", () => {
  it("reads a clean answer for Image B completely", () => {
    const assessment = read("clean-b");
    expect(assessment.answer).toBe("Image B");
    expect(assessment.formatValid).toBe(true);
    expect(assessment.issues).toEqual([]);
    expect(assessment.profiles.preference).toEqual([
      {
        "Art Styles": "Impressionist landscapes with loose, visible brushwork",
        Color: "Warm golden and amber tones with soft greens",
        "Artistic Medium": "Oil paint on canvas",
        Saturation: "Moderately high, rich but not garish",
        Detail: "Soft edges; atmosphere over fine detail",
      },
    ]);
    expect(assessment.profiles.nonPreference[0]?.Color).toBe("Cold neon blues and magentas");
    expect(assessment.scores).toEqual({ A: [2, 1, 2, 3, 3], B: [5, 5, 4, 4, 4] });
    expect(assessment.rationales.A[0]).toBe("a flat vector poster with hard shapes, close to the disliked style");
    expect(assessment.rationales.B[4]).toBe("soft atmospheric edges");
    expect(assessment.statedTotals.A).toEqual({ stated: 11, addends: [2, 1, 2, 3, 3], expression: "2+1+2+3+3=11" });
    expect(assessment.computedTotals).toEqual({ A: 11, B: 22 });
    expect(assessment.truncatedInside).toBeNull();
  });

  it("reads a clean answer for Image A", () => {
    const assessment = read("clean-a");
    expect(assessment.answer).toBe("Image A");
    expect(assessment.computedTotals).toEqual({ A: 22, B: 11 });
    expect(assessment.issues).toEqual([]);
  });

  it("reads CRLF line ends exactly as LF", () => {
    expect(read("crlf")).toEqual(read("clean-b"));
  });

  it("ignores chatter around the blocks but reports the format", () => {
    const assessment = read("chatter");
    expect(assessment.answer).toBe("Image B");
    expect(assessment.scores).toEqual(read("clean-b").scores);
    expect(codes(assessment)).toEqual(["format-invalid"]);
  });

  it("takes the last of repeated answer blocks", () => {
    const assessment = read("repeated-answer");
    expect(assessment.answer).toBe("Image B");
    // The official format pattern's lazy `.*?` stretches over both answers
    // to the last `</answer>`, so it still calls this format valid.
    expect(assessment.formatValid).toBe(true);
    expect(codes(assessment)).toEqual(["repeated-block"]);
  });

  it.each([
    [
      "truncated-preference",
      "preference",
      ["truncated", "missing-answer", "format-invalid", "missing-profile", "missing-profile"],
    ],
    ["truncated-non-preference", "nonPreference", ["truncated", "missing-answer", "format-invalid", "missing-profile"]],
    ["truncated-think", "think", ["truncated", "missing-answer", "format-invalid"]],
    ["truncated-answer", "answer", ["truncated", "missing-answer", "format-invalid"]],
  ] as const)("reports %s as cut off, keeping what arrived", (name, block, expected) => {
    const assessment = read(name);
    expect(assessment.truncatedInside).toBe(block);
    expect(assessment.answer).toBeNull();
    expect(codes(assessment).slice(0, expected.length)).toEqual(expected);
  });

  it("keeps the partial score of a cut-off think block", () => {
    const assessment = read("truncated-think");
    expect(assessment.scores.A).toEqual([2, 1, 2, 3, null]);
    expect(assessment.rationales.A[3]).toBe("very satur");
    expect(assessment.scores.B).toEqual([5, 5, 4, null, null]);
    expect(codes(assessment).filter((code) => code === "missing-score")).toHaveLength(3);
  });

  it("reports totals that do not add up", () => {
    const assessment = read("totals-mismatch");
    expect(assessment.statedTotals.A?.stated).toBe(12);
    expect(assessment.issues.filter((issue) => issue.code === "total-mismatch").map((issue) => issue.message)).toEqual([
      "Image A's total is written as 2+1+2+3+3=12, but the terms add up to 11.",
      "Image B's total is written as 5+5+4+4+4=21, but the terms add up to 22.",
    ]);
  });

  it("reports an answer that contradicts the totals", () => {
    expect(codes(read("answer-contradicts-totals"))).toEqual(["answer-contradicts-totals"]);
  });

  it("reports a tie", () => {
    expect(codes(read("tie"))).toEqual(["tie"]);
  });

  it("reports scores out of range and fractional scores", () => {
    const assessment = read("scores-out-of-range");
    expect(assessment.scores.B[0]).toBe(7);
    expect(assessment.scores.A[3]).toBe(2.5);
    expect(
      assessment.issues.filter((issue) => issue.code === "score-out-of-range").map((issue) => issue.message),
    ).toEqual([
      "Image A scores 2.5 for Saturation; scores are whole numbers from 0 to 5.",
      "Image B scores 7 for Artistic style; scores are whole numbers from 0 to 5.",
    ]);
  });

  it("treats a lower-case, punctuated answer as wrong strictly and right leniently", () => {
    const text = readFixture("lowercase-answer");
    const assessment = read("lowercase-answer");
    expect(assessment.answer).toBe("image b.");
    expect(codes(assessment)).toEqual(["invalid-answer"]);
    expect(isStrictCorrect(text, "Image B")).toBe(false);
    expect(isLenientCorrect(text, "Image B")).toBe(true);
  });

  it("reports missing attributes in the profile and the scores", () => {
    const assessment = read("missing-attributes");
    expect(assessment.issues.map((issue) => issue.message)).toEqual([
      "The preference profile does not describe: Saturation.",
      "Image A has no readable score for Detail.",
      "Image B has no readable score for Detail.",
    ]);
    expect(assessment.computedTotals).toEqual({ A: null, B: null });
  });

  it("reads several preference profiles of a multi-preference user", () => {
    const assessment = read("multi-preference");
    expect(assessment.profiles.preference).toHaveLength(2);
    expect(assessment.profiles.preference[0]?.["Art Styles"]).toBe("Ukiyo-e woodblock prints");
    expect(assessment.profiles.preference[1]?.["Artistic Medium"]).toBe("Lithograph");
    expect(assessment.issues).toEqual([]);
  });

  it.each(["empty", "no-tags"])("reads %s as having nothing", (name) => {
    const assessment = read(name);
    expect(assessment.answer).toBeNull();
    expect(assessment.formatValid).toBe(false);
    expect(codes(assessment)).toEqual([
      "missing-answer",
      "format-invalid",
      "missing-profile",
      "missing-profile",
      ...Array<IssueCode>(10).fill("missing-score"),
    ]);
  });

  it("reads a fast-mode answer without asking for reasoning", () => {
    const assessment = read("fast");
    expect(assessment.answer).toBe("Image A");
    expect(assessment.issues).toEqual([]);
  });

  it("reads single-image scoring: one candidate's scores and total, no answer", () => {
    const assessment = read("single");
    expect(assessment.scores.A).toEqual([5, 5, 4, 4, 4]);
    expect(assessment.statedTotals.A?.stated).toBe(22);
    expect(assessment.answer).toBeNull();
    expect(assessment.issues).toEqual([]);
  });
});

describe("streaming", () => {
  it("reports each piece as soon as its line is complete", () => {
    const text = readFixture("clean-b");
    const firstScoreEnd = text.indexOf("Image B(5)");
    const { events } = feedPieces([text.slice(0, firstScoreEnd)]);
    const kinds = events.map((event) => event.type);
    expect(kinds.filter((kind) => kind === "profile-attribute")).toHaveLength(10);
    expect(events.filter((event) => event.type === "score")).toEqual([
      expect.objectContaining({ image: "A", attribute: "Art Styles", score: 2 }),
    ]);
  });

  it.each(fixtureNames)("gives %s identical results split at every position", (name) => {
    const text = readFixture(name);
    const mode = modeOfFixture(name);
    const whole = feedPieces([text], mode);
    for (let position = 0; position <= text.length; position++) {
      const split = feedPieces(cutAt(text, [position]), mode);
      if (
        JSON.stringify(split.events) !== JSON.stringify(whole.events) ||
        JSON.stringify(split.assessment) !== JSON.stringify(whole.assessment)
      ) {
        expect({ position, ...split }).toEqual({ position, ...whole });
      }
      expect(split.text).toBe(text);
    }
  });

  it("streams one character at a time like the whole text", () => {
    const text = readFixture("multi-preference");
    expect(feedPieces(Array.from(text))).toEqual(feedPieces([text]));
  });
});
