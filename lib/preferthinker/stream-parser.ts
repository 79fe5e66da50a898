import { attributeIndex } from "./attributes";
import { findIssues } from "./checks";
import { LineSplitter } from "./line-splitter";
import { isFormatValid, readStrictAnswer, tags } from "./official";
import { ProfileReader } from "./profile-reader";
import { pyStrip } from "./python-text";
import { TextAccumulator } from "./text-accumulator";
import { ThinkReader } from "./think-reader";
import type {
  AssessmentMode,
  BlockName,
  ImageLabel,
  ParsedAssessment,
  ParseEvent,
  PerAttribute,
  StatedTotal,
} from "./types";

/**
 * Reads a PreferThinker response while it streams. `feed(chunk)` returns the
 * chunk as a text event plus every piece completed by it: each profile
 * attribute, each score with its rationale, each stated total, the answer.
 * Pieces complete at line ends (or tags), so the events other than text are
 * the same however the text is split. `end()` returns the full reading, in
 * which every block's LAST occurrence counts, as in the official code.
 */

const tagPattern = new RegExp(`<(/?)(${Object.values(tags).join("|")})>`, "g");
const blockByTag = new Map<string, BlockName>(Object.entries(tags).map(([block, tag]) => [tag, block as BlockName]));

type BlockState = {
  profile?: ProfileReader;
  think?: ThinkReader;
  scores: Record<ImageLabel, PerAttribute<number | null>>;
  rationales: Record<ImageLabel, PerAttribute<string | null>>;
  totals: Record<ImageLabel, StatedTotal | null>;
  answerText: string[];
};

const fiveNulls = <T>(): PerAttribute<T | null> => [null, null, null, null, null];
const newBlockState = (): BlockState => ({
  scores: { A: fiveNulls(), B: fiveNulls() },
  rationales: { A: fiveNulls(), B: fiveNulls() },
  totals: { A: null, B: null },
  answerText: [],
});

export class AssessmentStreamParser {
  private readonly lines = new LineSplitter();
  private readonly text = new TextAccumulator();
  private open: BlockName | null = null;
  private readonly last: Partial<Record<BlockName, BlockState>> = {};
  private readonly counts: Record<BlockName, number> = { preference: 0, nonPreference: 0, think: 0, answer: 0 };
  private readonly closed: Record<BlockName, boolean> = {
    preference: false,
    nonPreference: false,
    think: false,
    answer: false,
  };
  private ended = false;

  constructor(private readonly mode: AssessmentMode = "reasoning") {}

  feed(chunk: string): ParseEvent[] {
    if (this.ended) throw new Error("The parser has ended: make a new one for the next response.");
    if (chunk.length === 0) return [];
    this.text.append(chunk);
    const events: ParseEvent[] = [{ type: "text", delta: chunk }];
    for (const line of this.lines.push(chunk)) this.readLine(line, events);
    return events;
  }

  /** Finishes the response: the events still pending, and the full reading. */
  end(): { events: ParseEvent[]; assessment: ParsedAssessment } {
    if (this.ended) throw new Error("The parser has already ended.");
    this.ended = true;
    const events: ParseEvent[] = [];
    const rest = this.lines.end();
    if (rest !== null) this.readLine(rest, events);
    if (this.open) this.finishBlock(this.open, events);
    return { events, assessment: this.assess() };
  }

  private readLine(line: string, events: ParseEvent[]): void {
    let position = 0;
    for (const match of line.matchAll(tagPattern)) {
      this.readContent(line.slice(position, match.index), events, false);
      position = match.index + match[0].length;
      const block = blockByTag.get(match[2]!)!;
      if (match[1] === "/") {
        if (this.open === block) {
          this.finishBlock(block, events);
          this.closed[block] = true;
          this.open = null;
        }
      } else {
        if (this.open) this.finishBlock(this.open, events);
        this.startBlock(block, events);
      }
    }
    this.readContent(line.slice(position), events, true);
  }

  private startBlock(block: BlockName, events: ParseEvent[]): void {
    this.counts[block]++;
    this.closed[block] = false;
    this.open = block;
    const state = newBlockState();
    if (block === "preference" || block === "nonPreference") state.profile = new ProfileReader();
    if (block === "think") state.think = new ThinkReader();
    this.last[block] = state;
    events.push({ type: "block-start", block, occurrence: this.counts[block] });
  }

  /** Text inside the open block; `isLineEnd` when the text ends a line of the response. */
  private readContent(content: string, events: ParseEvent[], isLineEnd: boolean): void {
    const block = this.open;
    if (!block) return;
    const state = this.last[block]!;
    if (block === "answer") {
      state.answerText.push(isLineEnd ? `${content}\n` : content);
    } else if (state.profile) {
      for (const read of state.profile.readLine(content)) {
        events.push({ type: "profile-attribute", side: block as "preference" | "nonPreference", ...read });
      }
    } else if (state.think) {
      const { scores, totals } = state.think.readLine(content);
      this.recordScores(state, scores, events);
      for (const total of totals) {
        state.totals[total.image] = { stated: total.stated, addends: total.addends, expression: total.expression };
        events.push({ type: "total", ...total });
      }
    }
  }

  private recordScores(state: BlockState, scores: ReturnType<ThinkReader["end"]>, events: ParseEvent[]): void {
    for (const score of scores) {
      const index = attributeIndex(score.attribute);
      state.scores[score.image][index] = score.score;
      state.rationales[score.image][index] = score.rationale;
      events.push({ type: "score", ...score });
    }
  }

  private finishBlock(block: BlockName, events: ParseEvent[]): void {
    const state = this.last[block]!;
    if (state.profile) {
      for (const read of state.profile.end())
        events.push({ type: "profile-attribute", side: block as "preference" | "nonPreference", ...read });
    }
    if (state.think) this.recordScores(state, state.think.end(), events);
    if (block === "answer")
      events.push({ type: "answer", text: pyStrip(state.answerText.join("").replace(/\n$/, "")) });
    events.push({ type: "block-end", block, occurrence: this.counts[block] });
  }

  private assess(): ParsedAssessment {
    const fullText = this.text.toString();
    const think = this.last.think ?? newBlockState();
    const sum = (scores: PerAttribute<number | null>) =>
      scores.every((score) => score !== null) ? scores.reduce<number>((total, score) => total + (score ?? 0), 0) : null;
    const profilesOf = (block: "preference" | "nonPreference") =>
      (this.last[block]?.profile?.profiles ?? []).filter((profile) => Object.keys(profile).length > 0);
    const blocks = Object.fromEntries(
      (Object.keys(this.counts) as BlockName[]).map((block) => [
        block,
        { count: this.counts[block], closed: this.closed[block] },
      ]),
    ) as ParsedAssessment["blocks"];
    const assessment: Omit<ParsedAssessment, "issues"> = {
      mode: this.mode,
      answer: readStrictAnswer(fullText),
      formatValid: isFormatValid(fullText),
      profiles: { preference: profilesOf("preference"), nonPreference: profilesOf("nonPreference") },
      scores: think.scores,
      rationales: think.rationales,
      statedTotals: think.totals,
      computedTotals: { A: sum(think.scores.A), B: sum(think.scores.B) },
      blocks,
      truncatedInside: this.open,
    };
    return { ...assessment, issues: findIssues(assessment, fullText) };
  }
}

/** Reads a whole response at once. */
export function parseAssessment(text: string, mode: AssessmentMode = "reasoning"): ParsedAssessment {
  const parser = new AssessmentStreamParser(mode);
  parser.feed(text);
  return parser.end().assessment;
}
