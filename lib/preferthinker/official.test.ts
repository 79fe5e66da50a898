import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  flattenProfile,
  foldText,
  isFormatValid,
  isLenientCorrect,
  isStrictCorrect,
  readStrictAnswer,
  tags,
} from "./official";

/**
 * Parity with the official Python readers: the expected values were computed
 * by Python itself (tools/parity/official_readers.py), so its regex and
 * whitespace semantics are the reference, not our reading of them.
 */
type ParityRow = {
  text: string;
  strictAnswer: string | null;
  formatValid: boolean;
  folded: string;
  preferenceFlat: string;
  nonPreferenceFlat: string;
  strictCorrect: Record<string, 0 | 1>;
  lenientCorrect: Record<string, 0 | 1>;
};

const rows: ParityRow[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "__fixtures__/official-parity.json"), "utf8"),
);

describe("official readers match the Python reference", () => {
  it.each(rows.map((row, index) => [index, JSON.stringify(row.text).slice(0, 60), row] as const))(
    "case %i: %s",
    (_index, _label, row) => {
      expect(readStrictAnswer(row.text)).toBe(row.strictAnswer);
      expect(isFormatValid(row.text)).toBe(row.formatValid);
      expect(foldText(row.text)).toBe(row.folded);
      expect(flattenProfile(row.text, tags.preference)).toBe(row.preferenceFlat);
      expect(flattenProfile(row.text, tags.nonPreference)).toBe(row.nonPreferenceFlat);
      for (const [label, expected] of Object.entries(row.strictCorrect))
        expect(isStrictCorrect(row.text, label)).toBe(expected === 1);
      for (const [label, expected] of Object.entries(row.lenientCorrect))
        expect(isLenientCorrect(row.text, label)).toBe(expected === 1);
    },
  );

  it("covers the cases that tell Python's whitespace from JavaScript's", () => {
    expect(rows.some((row) => row.text.includes("\ufeff"))).toBe(true);
    expect(rows.some((row) => row.text.includes("\x85"))).toBe(true);
  });
});
