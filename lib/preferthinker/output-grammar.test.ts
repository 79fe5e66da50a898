import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureNames, readFixture } from "./__fixtures__/fixtures";
import { attributes, type AttributeKey } from "./attributes";
import { isFormatValid } from "./official";
import { type GrammarMode, outputRegex, structuredOutputFields } from "./output-grammar";
import { parseAssessment } from "./stream-parser";
import type { IssueCode, Profile } from "./types";

/** The servers full-match the pattern; so does this. */
const wholeOutput = (mode: GrammarMode, flags = "") => new RegExp(`^(?:${outputRegex(mode)})$`, flags);
const reasoning = wholeOutput("reasoning");

/** Clean layouts: the grammar admits them, though it cannot check their totals or whether the answer follows them. */
const admitted = [
  "clean-a",
  "clean-b",
  "crlf",
  "multi-preference",
  "tie",
  "totals-mismatch",
  "answer-contradicts-totals",
];
const refused: Record<string, string> = {
  chatter: "text before and after the blocks",
  empty: "nothing",
  "no-tags": "prose without blocks",
  "truncated-preference": "cut off in the preference profile",
  "truncated-non-preference": "cut off in the non-preference profile",
  "truncated-think": "cut off in the reasoning",
  "truncated-answer": "cut off in the answer",
  "missing-attributes": "a profile line and a reasoning section missing",
  "repeated-answer": "text and a second answer after the answer",
  "scores-out-of-range": "a score of 7 and one of 2.5",
  "lowercase-answer": 'an answer that is not exactly "Image A" or "Image B"',
  single: "no answer block",
  fast: "only an answer block",
};

type Transcript = {
  preference: string[][];
  nonPreference: string[];
  scores: Record<"A" | "B", number[]>;
  rationales: Record<"A" | "B", string[]>;
  answer: "Image A" | "Image B";
  newline: "\n" | "\r\n";
  blankLines: boolean;
};

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Writes a transcript in the layout of the recorded clean ones. */
function writeTranscript(t: Transcript): string {
  const nl = t.newline;
  const profileLines = (values: string[]) =>
    attributes.map(({ key }, i) => `"${key}": "${values[i]}"${i < attributes.length - 1 ? "," : ""}${nl}`).join("");
  const preference =
    t.preference.length === 1
      ? profileLines(t.preference[0]!)
      : t.preference.map((values, i) => `Profile ${i + 1}:${nl}${profileLines(values)}`).join("");
  const sections = attributes
    .map(
      ({ heading }, i) =>
        `${i + 1}. ${heading}:${nl}Image A(${t.scores.A[i]}) - ${t.rationales.A[i]};${nl}` +
        `Image B(${t.scores.B[i]}) - ${t.rationales.B[i]}${nl}${t.blankLines ? nl : ""}`,
    )
    .join("");
  const total = (image: "A" | "B") =>
    `Image ${image}: total_score=${t.scores[image].join("+")}=${sum(t.scores[image])}${nl}`;
  return [
    `<visual preference profile>${nl}${preference}</visual preference profile>`,
    `<visual non-preference profile>${nl}${profileLines(t.nonPreference)}</visual non-preference profile>`,
    `<think>${nl}${sections}Total:${nl}${total("A")}${total("B")}</think>`,
    `<answer>${t.answer}</answer>`,
  ].join(t.blankLines ? nl + nl : nl);
}

const toProfile = (values: string[]): Profile =>
  Object.fromEntries(attributes.map(({ key }, i) => [key, values[i]])) as Record<AttributeKey, string>;

const phrase = fc
  .array(fc.stringMatching(/^[A-Za-z0-9,.'()]{1,12}$/), { minLength: 1, maxLength: 6 })
  .map((words) => words.join(" "));
const five = <T>(item: fc.Arbitrary<T>) => fc.tuple(item, item, item, item, item);
const scores = five(fc.integer({ min: 0, max: 5 }));
const transcripts: fc.Arbitrary<Transcript> = fc.record({
  preference: fc.array(five(phrase), { minLength: 1, maxLength: 3 }),
  nonPreference: five(phrase),
  scores: fc.record({ A: scores, B: scores }),
  rationales: fc.record({ A: five(phrase), B: five(phrase) }),
  answer: fc.constantFrom("Image A" as const, "Image B" as const),
  newline: fc.constantFrom("\n" as const, "\r\n" as const),
  blankLines: fc.boolean(),
});

/** The constructs outside the subset every backend reads alike, found token by token. */
function findUnsupported(pattern: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    const next = pattern[i + 1] ?? "";
    if (char === "\\") {
      if (!/[\\^$.|?*+()[\]{}rn]/.test(next)) found.push(`\\${next}`);
      i++;
    } else if (inClass) {
      inClass = char !== "]";
    } else if (char === "[") {
      inClass = true;
    } else if (char === "(" && next === "?") {
      found.push("(?");
    } else if (".^$".includes(char)) {
      found.push(char);
    } else if ("*+?}".includes(char) && next === "?") {
      found.push(`${char}?`);
    }
  }
  return found;
}

describe("outputRegex('reasoning')", () => {
  it("has a decision for every recorded transcript", () => {
    expect([...admitted, ...Object.keys(refused)].sort()).toEqual(fixtureNames);
  });

  it.each(admitted)("admits %s, which the official rule also calls format-valid", (name) => {
    const text = readFixture(name);
    expect(reasoning.test(text)).toBe(true);
    expect(isFormatValid(text)).toBe(true);
  });

  it.each(Object.entries(refused))("refuses %s: %s", (name) => {
    expect(reasoning.test(readFixture(name))).toBe(false);
  });

  it("refuses a missing answer, anything around the blocks, and scores or profiles past the format", () => {
    const clean = readFixture("clean-b");
    expect(reasoning.test(clean.slice(0, clean.indexOf("</think>") + "</think>".length))).toBe(false);
    for (const text of [`Sure!\n${clean}`, ` ${clean}`, `${clean}\nDone.`, `${clean}\n`]) {
      expect(reasoning.test(text)).toBe(false);
    }
    expect(reasoning.test(clean.replace("Image A(2)", "Image A(6)"))).toBe(false);
    expect(reasoning.test(clean.replace("=22", "=26"))).toBe(false);
    expect(reasoning.test(clean.replace("<answer>Image B", "<answer>Image C"))).toBe(false);
  });

  it("admits any scores and totals, one to three profiles, LF or CRLF, and the parser reads them all back", () => {
    fc.assert(
      fc.property(transcripts, (t) => {
        const text = writeTranscript(t);
        expect(reasoning.test(text)).toBe(true);
        expect(isFormatValid(text)).toBe(true);
        const parsed = parseAssessment(text, "reasoning");
        expect(parsed.scores).toEqual(t.scores);
        expect(parsed.rationales).toEqual(t.rationales);
        expect(parsed.statedTotals.A?.stated).toBe(sum(t.scores.A));
        expect(parsed.statedTotals.B?.stated).toBe(sum(t.scores.B));
        expect(parsed.answer).toBe(t.answer);
        expect(parsed.profiles.preference).toEqual(t.preference.map(toProfile));
        expect(parsed.profiles.nonPreference).toEqual([toProfile(t.nonPreference)]);
      }),
    );
  });

  it("refuses a fourth profile", () => {
    const values = ["a", "b", "c", "d", "e"];
    const base: Transcript = {
      preference: [values, values, values],
      nonPreference: values,
      scores: { A: [1, 2, 3, 4, 5], B: [5, 4, 3, 2, 1] },
      rationales: { A: values, B: values },
      answer: "Image A",
      newline: "\n",
      blankLines: true,
    };
    expect(reasoning.test(writeTranscript(base))).toBe(true);
    expect(reasoning.test(writeTranscript({ ...base, preference: [...base.preference, values] }))).toBe(false);
  });

  it("admits only outputs that are format-valid and read without structural issues", () => {
    const consistencyOnly = new Set<IssueCode>([
      "tie",
      "total-mismatch",
      "answer-contradicts-totals",
      "missing-profile",
    ]);
    fc.assert(
      fc.property(fc.stringMatching(wholeOutput("reasoning")), (text) => {
        expect(isFormatValid(text)).toBe(true);
        const parsed = parseAssessment(text, "reasoning");
        expect(parsed.issues.map((issue) => issue.code).filter((code) => !consistencyOnly.has(code))).toEqual([]);
        for (const profile of [...parsed.profiles.preference, ...parsed.profiles.nonPreference]) {
          expect(Object.keys(profile).sort()).toEqual(attributes.map(({ key }) => key).sort());
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("outputRegex('fast')", () => {
  it.each(fixtureNames)("decides %s as only an answer block", (name) => {
    expect(wholeOutput("fast").test(readFixture(name))).toBe(name === "fast");
  });
});

describe("the pattern's syntax", () => {
  it.each(["reasoning", "fast"] as const)("uses only constructs every backend reads alike (%s)", (mode) => {
    const pattern = outputRegex(mode);
    for (const construct of ["(?=", "(?!", "(?<", "\\1", "*?", "+?", "\\b"]) expect(pattern).not.toContain(construct);
    expect(findUnsupported(pattern)).toEqual([]);
    // Unicode mode refuses escapes of ordinary characters and counts code points, as Python does.
    expect(wholeOutput(mode, "u").test(readFixture(mode === "fast" ? "fast" : "multi-preference"))).toBe(true);
  });

  it("finds the constructs it must keep out", () => {
    expect(findUnsupported("(?:a)*?\\d.b+?(?=c)\\1\\b\\<$")).toEqual([
      "(?",
      "*?",
      "\\d",
      ".",
      "+?",
      "(?",
      "\\1",
      "\\b",
      "\\<",
      "$",
    ]);
  });
});

describe("structuredOutputFields", () => {
  it("puts the pattern where each server reads it", () => {
    const regex = outputRegex("fast");
    expect(structuredOutputFields("vllm", regex)).toEqual({ structured_outputs: { regex } });
    expect(structuredOutputFields("sglang", regex)).toEqual({ regex });
  });
});
