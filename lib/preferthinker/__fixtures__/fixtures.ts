import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AssessmentStreamParser } from "../stream-parser";
import type { AssessmentMode, ParsedAssessment, ParseEvent } from "../types";

/** Test helpers: the recorded transcripts, and feeding text in given pieces. */

const fixturesDir = import.meta.dirname;

export const fixtureNames = readdirSync(fixturesDir)
  .filter((file) => file.endsWith(".txt"))
  .map((file) => file.slice(0, -4))
  .sort();

export const readFixture = (name: string) => readFileSync(join(fixturesDir, `${name}.txt`), "utf8");

export const modeOfFixture = (name: string): AssessmentMode =>
  name === "fast" ? "fast" : name === "single" ? "single" : "reasoning";

export type FedResult = { events: Exclude<ParseEvent, { type: "text" }>[]; text: string; assessment: ParsedAssessment };

/** Feeds `pieces` in order; returns the structured events, the text the events carried, and the reading. */
export function feedPieces(pieces: string[], mode: AssessmentMode = "reasoning"): FedResult {
  const parser = new AssessmentStreamParser(mode);
  const all: ParseEvent[] = [];
  for (const piece of pieces) all.push(...parser.feed(piece));
  const { events, assessment } = parser.end();
  all.push(...events);
  return {
    events: all.filter((event): event is Exclude<ParseEvent, { type: "text" }> => event.type !== "text"),
    text: all.map((event) => (event.type === "text" ? event.delta : "")).join(""),
    assessment,
  };
}

/** Cuts `text` at the given positions (sorted, within bounds). */
export function cutAt(text: string, positions: number[]): string[] {
  const sorted = [...new Set(positions.map((position) => Math.max(0, Math.min(text.length, position))))].sort(
    (a, b) => a - b,
  );
  const pieces: string[] = [];
  let start = 0;
  for (const position of sorted) {
    pieces.push(text.slice(start, position));
    start = position;
  }
  pieces.push(text.slice(start));
  return pieces;
}
