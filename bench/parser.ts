/**
 * Parser throughput: MB/s for whole-text and streamed parsing (1, 16 and
 * 256-character chunks) of a typical output (~4,096 tokens) and of one 16x
 * longer, and the ratio of per-byte cost between the two sizes (1.0 = linear).
 *
 *   node --import tsx bench/parser.ts
 */
import { readFileSync } from "node:fs";
import { AssessmentStreamParser } from "../lib/preferthinker/stream-parser";

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");
const [head, think] = [
  transcript.slice(0, transcript.indexOf("<think>")),
  transcript.slice(transcript.indexOf("<think>")),
];
const sections = think.slice("<think>\n".length, think.indexOf("Total:"));
const tail = think.slice(think.indexOf("Total:"));

/** An output of about `bytes` characters: the real blocks, the think sections repeated with longer rationales. */
function makeOutput(bytes: number): string {
  const longer = sections.replace(
    /;\n/g,
    "; the brushwork, palette and composition all point the same way, consistent with the reference images;\n",
  );
  const repeats = Math.max(1, Math.round((bytes - head.length - tail.length) / longer.length));
  return `${head}<think>\n${longer.repeat(repeats)}${tail}`;
}

// ~4 characters per token: a 4,096-token output is about 16 KB.
const typical = makeOutput(4096 * 4);
const large = makeOutput(4096 * 4 * 16);

function parse(chunks: string[]): void {
  const parser = new AssessmentStreamParser();
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
}

/** The text as a model server would deliver it; cut before timing, so only parsing is timed. */
function cut(text: string, size: number | null): string[] {
  if (size === null) return [text];
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}

/**
 * Seconds per parse, from batches that each parse ~8 MB of text, so a short
 * parse is not timed alone (timer resolution, a GC pause landing in one run).
 * The best of three batches: the machine is shared, and noise only adds time.
 */
function measure(text: string, chunk: number | null): number {
  const chunks = cut(text, chunk);
  const runs = Math.max(1, Math.round(8_000_000 / text.length));
  for (let i = 0; i < Math.min(runs, 20); i++) parse(chunks);
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < 3; batch++) {
    const started = performance.now();
    for (let i = 0; i < runs; i++) parse(chunks);
    best = Math.min(best, (performance.now() - started) / runs);
  }
  return best / 1000;
}

const modes: [string, number | null][] = [
  ["whole", null],
  ["chunks of 256", 256],
  ["chunks of 16", 16],
  ["chunks of 4", 4],
  ["chunks of 1", 1],
];
console.log(`typical output ${typical.length} chars; 16x output ${large.length} chars`);
console.log("mode            | typical: ms   MB/s | 16x: ms    MB/s | per-byte cost 16x/1x");
for (const [name, chunk] of modes) {
  const small = measure(typical, chunk);
  const big = measure(large, chunk);
  const ratio = big / large.length / (small / typical.length);
  const mbps = (length: number, seconds: number) => (length / 1e6 / seconds).toFixed(1).padStart(6);
  console.log(
    `${name.padEnd(15)} | ${(small * 1000).toFixed(3).padStart(8)} ${mbps(typical.length, small)} | ${(big * 1000).toFixed(2).padStart(7)} ${mbps(large.length, big)} | ${ratio.toFixed(2)}`,
  );
}
