import { findAllBlocks, PY_WHITESPACE, pyStrip } from "./python-text";

/**
 * The readers of the official PreferThinker evaluation and training code,
 * reproduced exactly (PROTOCOL.md §4). Each works on the raw model output.
 */

export const tags = {
  preference: "visual preference profile",
  nonPreference: "visual non-preference profile",
  think: "think",
  answer: "answer",
} as const;

/** The content of the LAST `<tag>…</tag>` (non-greedy, dot matches newline), or null. */
export function lastBlock(text: string, tag: string): string | null {
  const blocks = findAllBlocks(text, tag);
  return blocks.length > 0 ? (blocks[blocks.length - 1] ?? null) : null;
}

/** The evaluation script's answer: the stripped last answer block, or null without one. */
export function readStrictAnswer(text: string): string | null {
  const answer = lastBlock(text, tags.answer);
  return answer === null ? null : pyStrip(answer);
}

/** The paper's accuracy: the strict answer equals the label exactly ("image a." is wrong). */
export function isStrictCorrect(text: string, label: string): boolean {
  const answer = readStrictAnswer(text);
  return answer !== null && answer === label;
}

const newlineAfterSpace = (char: string) => new RegExp(`(?<=[${PY_WHITESPACE}])${char}`, "g");
const newlineAfterOther = (char: string) => new RegExp(`(?<![${PY_WHITESPACE}])${char}`, "g");

/**
 * The training reward's text folding: newlines after white space dropped,
 * other newlines turned into spaces (\n first, then \r), stripped, trailing
 * dots removed, lower-cased. Reads the last answer block if there is one,
 * else the whole text.
 */
export function foldText(text: string): string {
  let folded = lastBlock(text, tags.answer) ?? text;
  for (const char of ["\\n", "\\r"]) {
    folded = folded.replace(newlineAfterSpace(char), "").replace(newlineAfterOther(char), " ");
  }
  return pyStrip(folded).replace(/\.+$/, "").toLowerCase();
}

/** The training reward's accuracy: both sides folded, then compared. */
export function isLenientCorrect(text: string, label: string): boolean {
  return foldText(text) === foldText(label);
}

const ws = `[${PY_WHITESPACE}]*`;
const formatPattern = new RegExp(
  `^<${tags.preference}>[\\s\\S]*?</${tags.preference}>${ws}` +
    `<${tags.nonPreference}>[\\s\\S]*?</${tags.nonPreference}>${ws}` +
    `<think>[\\s\\S]*?</think>${ws}<answer>[\\s\\S]*?</answer>$`,
);

/** The training reward's format check: the four blocks in order, only white space between, nothing around. */
export function isFormatValid(text: string): boolean {
  return formatPattern.test(text);
}

const whitespaceRun = new RegExp(`[${PY_WHITESPACE}]+`, "g");

/** The results files' flattened profile: the last block of `tag`, folded, quotes removed, white space collapsed. */
export function flattenProfile(text: string, tag: typeof tags.preference | typeof tags.nonPreference): string {
  const block = lastBlock(text, tag);
  if (block === null) return "";
  return foldText(block).replace(/"/g, "").replace(whitespaceRun, " ");
}
