/**
 * Python's text semantics where the official code relies on them: its
 * whitespace (str.isspace, and `\s` of `re` on str) is not JavaScript's, so
 * `strip()` and `\s` are spelled out here for exact parity.
 */

/** The characters Python counts as whitespace, as a regex class body. */
export const PY_WHITESPACE =
  "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const leading = new RegExp(`^[${PY_WHITESPACE}]+`);
const trailing = new RegExp(`[${PY_WHITESPACE}]+$`);

/** Python's `str.strip()` with no argument. */
export function pyStrip(text: string): string {
  return text.replace(leading, "").replace(trailing, "");
}

/** Python's `re.findall(r"<tag>(.*?)</tag>", text, re.DOTALL)`. */
export function findAllBlocks(text: string, tag: string): string[] {
  const pattern = new RegExp(`<${escapeRegExp(tag)}>([\\s\\S]*?)</${escapeRegExp(tag)}>`, "g");
  return Array.from(text.matchAll(pattern), (match) => match[1] ?? "");
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
