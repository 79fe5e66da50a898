import { type AttributeKey, attributeIndex, attributeKeys, findAttribute } from "./attributes";
import type { ImageLabel, StatedTotal } from "./types";

/**
 * Reads the lines of a `<think>` block: numbered attribute sections with one
 * `Image A(2) - rationale;` line per candidate (a rationale may run over
 * several lines), then `Image A: total_score=2+1+2+3+3=11` lines.
 */

export type ScoreRead = {
  image: ImageLabel;
  attribute: AttributeKey;
  score: number | null;
  rawScore: string;
  rationale: string;
};
export type TotalRead = StatedTotal & { image: ImageLabel };

const number = /^-?\d+(?:\.\d+)?$/;
const sectionHeading = /^\s*(?:\d+\s*[.)]\s*)?[#*\s]*([A-Za-z][A-Za-z ]*?)[*\s]*:[*\s]*(.*)$/;
const scoreLine = /^\s*[-*]?\s*\**\s*Image\s*([AB])\s*\**\s*\(\s*([^)]*?)\s*\)\s*\**\s*[-–—:]*\s*(.*)$/i;
const totalHeading = /^\s*[#*\s]*Totals?\s*(?:scores?)?[*\s]*:?[*\s]*(.*)$/i;
const totalLine = /^\s*[-*]?\s*\**\s*Image\s*([AB])\s*\**\s*:\s*(?:total[_ ]?score\s*=?\s*)?(.*)$/i;

const cleanRationale = (text: string) => text.trim().replace(/;\s*$/, "").trim();

/** "2+1+2+3+3=11" or "11": the stated total and, when written, its addends. */
export function parseTotalExpression(expression: string): StatedTotal {
  const sides = expression
    .replace(/\s+/g, "")
    .replace(/[.;,]+$/, "")
    .split("=");
  const stated = sides[sides.length - 1] ?? "";
  const addendsText = sides.length > 1 ? sides[sides.length - 2]! : null;
  const addends = addendsText?.split("+").every((part) => number.test(part))
    ? addendsText.split("+").map(Number)
    : null;
  return { stated: number.test(stated) ? Number(stated) : null, addends, expression: expression.trim() };
}

/** What a reasoning line is, by the same patterns the reader uses: for showing the text with its parts marked. */
export function classifyThinkLine(
  line: string,
): { kind: "score" | "total"; image: ImageLabel } | { kind: "heading" } | null {
  const score = scoreLine.exec(line);
  if (score) return { kind: "score", image: score[1]!.toUpperCase() as ImageLabel };
  const total = totalLine.exec(line);
  if (total && /total/i.test(line)) return { kind: "total", image: total[1]!.toUpperCase() as ImageLabel };
  if (totalHeading.test(line)) return { kind: "heading" };
  const heading = sectionHeading.exec(line);
  return heading && findAttribute(heading[1]!) ? { kind: "heading" } : null;
}

export class ThinkReader {
  private attribute: AttributeKey | null = null;
  private inTotals = false;
  private pending: ScoreRead | null = null;
  /** Without headings, each image's scores are taken in attribute order. */
  private nextByOrder: Record<ImageLabel, number> = { A: 0, B: 0 };

  readLine(line: string): { scores: ScoreRead[]; totals: TotalRead[] } {
    const scores: ScoreRead[] = [];
    const totals: TotalRead[] = [];
    this.read(line, scores, totals);
    return { scores, totals };
  }

  /** Completes a score whose rationale was still open (at the block's end). */
  end(): ScoreRead[] {
    const scores: ScoreRead[] = [];
    this.flush(scores);
    return scores;
  }

  private read(line: string, scores: ScoreRead[], totals: TotalRead[]): void {
    const score = scoreLine.exec(line);
    if (score) {
      this.flush(scores);
      const image = score[1]!.toUpperCase() as ImageLabel;
      const attribute = this.attribute ?? attributeKeys[this.nextByOrder[image]] ?? null;
      if (!attribute) return;
      this.nextByOrder[image] = attributeIndex(attribute) + 1;
      const rawScore = score[2]!;
      this.pending = {
        image,
        attribute,
        rawScore,
        score: number.test(rawScore) ? Number(rawScore) : null,
        rationale: score[3]!,
      };
      return;
    }
    const total = totalLine.exec(line);
    if (total && (this.inTotals || /total/i.test(line))) {
      this.flush(scores);
      totals.push({ image: total[1]!.toUpperCase() as ImageLabel, ...parseTotalExpression(total[2]!) });
      return;
    }
    const totalsStart = totalHeading.exec(line);
    if (totalsStart) {
      this.flush(scores);
      this.inTotals = true;
      this.attribute = null;
      if (totalsStart[1]) this.read(totalsStart[1], scores, totals);
      return;
    }
    const heading = sectionHeading.exec(line);
    const attribute = heading ? findAttribute(heading[1]!) : null;
    if (heading && attribute) {
      this.flush(scores);
      this.attribute = attribute;
      this.inTotals = false;
      if (heading[2]) this.read(heading[2], scores, totals);
      return;
    }
    if (this.pending && line.trim() !== "") this.pending.rationale = `${this.pending.rationale} ${line.trim()}`;
  }

  private flush(scores: ScoreRead[]): void {
    if (!this.pending) return;
    scores.push({ ...this.pending, rationale: cleanRationale(this.pending.rationale) });
    this.pending = null;
  }
}
