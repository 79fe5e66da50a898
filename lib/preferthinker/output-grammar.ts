import { attributes } from "./attributes";
import { tags } from "./official";
import { escapeRegExp } from "./python-text";

/**
 * The response format (PROTOCOL.md §3) as one regular expression, sent with a
 * request so that the model server constrains decoding to it: a base model
 * that ignores the format then still writes an output the product can read.
 *
 * The grammar is narrower than the official format-validity rule (§4), which
 * takes any text inside the blocks and any white space between them: every
 * output it admits is format-valid, and the parser reads every profile value,
 * score and total from it. It cannot make the totals equal the sums of the
 * scores, nor the answer name the higher total (a regular language would have
 * to list every combination), so the consistency checks still apply.
 *
 * What it admits, as in the recorded clean transcripts:
 * - one line break after each opening tag, one or two (a blank line) between
 *   blocks, nothing before the first block or after `</answer>`, not even a
 *   line break; `\r\n` anywhere a line ends, for servers that write CRLF;
 * - profile lines `"Key": "value",` in the five attributes' order, the last
 *   one without the comma;
 * - in the preference block, one profile or two to three of a
 *   multi-preference user, headed "Profile 1:", "Profile 2:"… in order, as
 *   the parser reads them (each one more adds a whole profile to the
 *   automaton a server compiles, hence the cap); the non-preference block
 *   holds one profile, as in §1;
 * - five numbered sections `n. Heading:` with `Image A(s) - rationale;` and
 *   `Image B(s) - rationale`, s a digit 0-5, an optional blank line after
 *   each, then `Total:` and `Image X: total_score=a+b+c+d+e=N`, N 0-25;
 * - in fast mode, the answer block alone, as the fast template asks.
 *
 * Free text is a bounded negated class, so decoding cannot run on inside one
 * field and a maximal output stays well below the 4096 new tokens of §2. It
 * excludes `<` and `>` (no tag can open inside a block), line breaks (the
 * parser reads line by line) and, in quoted values, `"`. The bound also sets
 * the cost of compiling the grammar, which a server does once and caches:
 * xgrammar unrolls `{1,n}` into n states for each field. Bounds count
 * characters; JavaScript counts a character beyond U+FFFF as two.
 *
 * Syntax is limited to what vLLM's and SGLang's backends (xgrammar, Outlines,
 * llguidance) all compile the same way as Python's `re` and JavaScript:
 * - no lookaround, backreferences or `\b`: xgrammar's converter refuses all
 *   three, the Rust regex crate under llguidance the first two, and `\b` is
 *   ASCII in JavaScript but Unicode in Python;
 * - no lazy quantifiers: xgrammar drops the `?` silently, and laziness means
 *   nothing in a full match anyway;
 * - no `(?` construct at all (non-capturing or named groups, inline flags):
 *   early xgrammar refused even `(?:`, while plain groups work everywhere
 *   and change nothing in a full match;
 * - no `.`, `\s`, `\d` or `\w`: `.` matches a line break in xgrammar only,
 *   xgrammar's `\s` is seven characters, and `\d` and `\w` take any script
 *   in Python and Rust but ASCII only in JavaScript; classes are spelled out;
 * - no `^` or `$` (the servers match the whole output; xgrammar ignores them
 *   with a warning), and backslashes only before metacharacters and in
 *   `\r`/`\n`: engines disagree on other escapes (`\<` is a word boundary
 *   in some, an error or a warning in others).
 */

export type GrammarMode = "reasoning" | "fast";
export type StructuredOutputServer = "vllm" | "sglang";

/** About three times the longest value or rationale in the recorded transcripts (about 70 characters). */
const maxFieldLength = 250;
const maxProfiles = 3;

const lineBreak = "\\r?\\n";
const optionalBlankLine = `(${lineBreak})?`;
const betweenBlocks = `(${lineBreak}){1,2}`;
const quotedValue = `"[^"\\r\\n<>]{1,${maxFieldLength}}"`;
const rationale = `[^\\r\\n<>]{1,${maxFieldLength}}`;
const score = "[0-5]";
const total = "([0-9]|1[0-9]|2[0-5])";
const answer = `<${tags.answer}>Image [AB]</${tags.answer}>`;

const literal = escapeRegExp;
const block = (tag: string, body: string) => `<${literal(tag)}>${lineBreak}${body}</${literal(tag)}>`;

const profile = attributes
  .map(({ key }, index) => `"${literal(key)}": ${quotedValue}${index < attributes.length - 1 ? "," : ""}${lineBreak}`)
  .join("");

/** "Profile 1:" and "Profile 2:" are required, each later one optional after the one before. */
function numberedProfiles(): string {
  const headed = (n: number) => `Profile ${n}:${lineBreak}${profile}`;
  let optionalTail = "";
  for (let n = maxProfiles; n > 2; n--) optionalTail = `(${headed(n)}${optionalTail})?`;
  return `${headed(1)}${headed(2)}${optionalTail}`;
}

const scoreLine = (image: "A" | "B", end: string) =>
  `Image ${image}${literal("(")}${score}${literal(")")} - ${rationale}${end}${lineBreak}`;

const sections = attributes
  .map(
    ({ heading }, index) =>
      `${literal(`${index + 1}. ${heading}:`)}${lineBreak}${scoreLine("A", ";")}${scoreLine("B", "")}${optionalBlankLine}`,
  )
  .join("");

const totalLine = (image: "A" | "B") =>
  `Image ${image}: total_score=${Array<string>(attributes.length).fill(score).join(literal("+"))}=${total}${lineBreak}`;

const reasoningPattern = [
  block(tags.preference, `(${profile}|${numberedProfiles()})`),
  block(tags.nonPreference, profile),
  block(tags.think, `${sections}Total:${lineBreak}${totalLine("A")}${totalLine("B")}`),
  answer,
].join(betweenBlocks);

const patterns: Record<GrammarMode, string> = { reasoning: reasoningPattern, fast: answer };

/** The pattern of a whole clean output in `mode`, for a server that full-matches it (no anchors). */
export function outputRegex(mode: GrammarMode): string {
  return patterns[mode];
}

/**
 * The extra request-body fields that make `server` constrain its output to
 * `regex`: vLLM's `structured_outputs.regex` (which replaced `guided_regex`,
 * removed in v0.12) and SGLang's top-level `regex`.
 */
export function structuredOutputFields(server: StructuredOutputServer, regex: string): Record<string, unknown> {
  switch (server) {
    case "vllm":
      return { structured_outputs: { regex } };
    case "sglang":
      return { regex };
  }
}
