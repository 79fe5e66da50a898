import { attributes, attributeKeys } from "./attributes";
import { PY_WHITESPACE } from "./python-text";
import type { ImageLabel, Issue, ParsedAssessment } from "./types";

/**
 * Consistency checks the official code does not make (PROTOCOL.md §4):
 * each problem of one response as an issue code with a plain sentence.
 */

type Reading = Omit<ParsedAssessment, "issues">;

const validAnswers = ["Image A", "Image B"];
const ws = `[${PY_WHITESPACE}]*`;
const fastFormat = new RegExp(`^${ws}<answer>[\\s\\S]*?</answer>${ws}$`);
const singleFormat = new RegExp(
  `^<visual preference profile>[\\s\\S]*?</visual preference profile>${ws}` +
    `<visual non-preference profile>[\\s\\S]*?</visual non-preference profile>${ws}<think>[\\s\\S]*?</think>$`,
);

function isWholeScore(score: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= 5;
}

function checkAnswer(reading: Reading, issues: Issue[]): void {
  if (reading.mode === "single") return;
  if (reading.answer === null) {
    issues.push({ code: "missing-answer", message: "There is no complete <answer> block." });
  } else if (!validAnswers.includes(reading.answer)) {
    issues.push({
      code: "invalid-answer",
      message: `The answer is ${JSON.stringify(reading.answer)}, not exactly "Image A" or "Image B".`,
    });
  }
}

function checkFormat(reading: Reading, text: string, issues: Issue[]): void {
  const valid =
    reading.mode === "fast"
      ? fastFormat.test(text)
      : reading.mode === "single"
        ? singleFormat.test(text)
        : reading.formatValid;
  if (!valid) {
    const expected =
      reading.mode === "fast"
        ? "only an <answer> block"
        : reading.mode === "single"
          ? "the two profile blocks and <think>"
          : "the four blocks (profile, non-preference profile, think, answer)";
    issues.push({
      code: "format-invalid",
      message: `The response is not ${expected} in order with nothing around them.`,
    });
  }
}

function checkProfiles(reading: Reading, issues: Issue[]): void {
  if (reading.mode === "fast") return;
  for (const [side, label] of [
    ["preference", "preference"],
    ["nonPreference", "non-preference"],
  ] as const) {
    const profiles = reading.profiles[side];
    if (profiles.length === 0) {
      issues.push({ code: "missing-profile", message: `There is no ${label} profile.` });
      continue;
    }
    profiles.forEach((profile, index) => {
      const missing = attributeKeys.filter((key) => !profile[key]);
      if (missing.length > 0) {
        const which = profiles.length > 1 ? ` ${index + 1}` : "";
        issues.push({
          code: "missing-profile",
          message: `The ${label} profile${which} does not describe: ${missing.join(", ")}.`,
        });
      }
    });
  }
}

function checkScores(reading: Reading, images: ImageLabel[], issues: Issue[]): void {
  for (const image of images) {
    reading.scores[image].forEach((score, index) => {
      const heading = attributes[index]!.heading;
      if (score === null) {
        issues.push({ code: "missing-score", message: `Image ${image} has no readable score for ${heading}.` });
      } else if (!isWholeScore(score)) {
        issues.push({
          code: "score-out-of-range",
          message: `Image ${image} scores ${score} for ${heading}; scores are whole numbers from 0 to 5.`,
        });
      }
    });
  }
}

function checkTotals(reading: Reading, images: ImageLabel[], issues: Issue[]): void {
  for (const image of images) {
    const stated = reading.statedTotals[image];
    const computed = reading.computedTotals[image];
    if (!stated || stated.stated === null) continue;
    if (stated.addends) {
      const addendSum = stated.addends.reduce((total, addend) => total + addend, 0);
      if (addendSum !== stated.stated) {
        issues.push({
          code: "total-mismatch",
          message: `Image ${image}'s total is written as ${stated.expression}, but the terms add up to ${addendSum}.`,
        });
        continue;
      }
    }
    if (computed !== null && computed !== stated.stated) {
      issues.push({
        code: "total-mismatch",
        message: `Image ${image}'s stated total is ${stated.stated}, but its five scores add up to ${computed}.`,
      });
    }
  }
}

/** The total that decides: the stated one, else the sum of the scores. */
const decidingTotal = (reading: Reading, image: ImageLabel) =>
  reading.statedTotals[image]?.stated ?? reading.computedTotals[image];

function checkAnswerAgainstTotals(reading: Reading, issues: Issue[]): void {
  if (reading.mode !== "reasoning") return;
  const a = decidingTotal(reading, "A");
  const b = decidingTotal(reading, "B");
  if (a === null || b === null) return;
  if (a === b) {
    issues.push({ code: "tie", message: `Both images total ${a}: the scores do not decide between them.` });
    return;
  }
  const higher = a > b ? "Image A" : "Image B";
  if (reading.answer !== null && validAnswers.includes(reading.answer) && reading.answer !== higher) {
    issues.push({
      code: "answer-contradicts-totals",
      message: `The answer is ${reading.answer}, but ${higher} has the higher total (A ${a}, B ${b}).`,
    });
  }
}

function checkBlocks(reading: Reading, issues: Issue[]): void {
  const names = {
    preference: "preference profile",
    nonPreference: "non-preference profile",
    think: "think",
    answer: "answer",
  } as const;
  for (const [block, { count }] of Object.entries(reading.blocks) as [keyof typeof names, { count: number }][]) {
    if (count > 1)
      issues.push({
        code: "repeated-block",
        message: `The ${names[block]} block appears ${count} times; the last one counts.`,
      });
  }
  if (reading.truncatedInside) {
    issues.push({
      code: "truncated",
      message: `The response ends inside the ${names[reading.truncatedInside]} block: it was cut off.`,
    });
  }
}

/** Every consistency issue of one reading, in a stable order. */
export function findIssues(reading: Reading, text: string): Issue[] {
  const issues: Issue[] = [];
  const images: ImageLabel[] = reading.mode === "single" ? ["A"] : reading.mode === "fast" ? [] : ["A", "B"];
  checkBlocks(reading, issues);
  checkAnswer(reading, issues);
  checkFormat(reading, text, issues);
  checkProfiles(reading, issues);
  checkScores(reading, images, issues);
  checkTotals(reading, images, issues);
  checkAnswerAgainstTotals(reading, issues);
  return issues;
}
