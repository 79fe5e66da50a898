import { tags } from "./official";
import { isProfileLine } from "./profile-reader";
import { classifyThinkLine } from "./think-reader";
import type { BlockName, ImageLabel } from "./types";

/**
 * A response cut into the parts the readers recognise, in order, so a view
 * can mark them: the block tags, the profile's attribute lines, the score
 * lines with their rationales, the totals, the answer, and text outside any
 * block (which the official format check refuses). Joined, the segments are
 * the response exactly.
 */

export type SegmentKind = "tag" | "profile" | "heading" | "score" | "total" | "answer" | "reasoning" | "outside";
export type OutputSegment = { text: string; kind: SegmentKind; image?: ImageLabel };

const tagPattern = new RegExp(`(</?(?:${Object.values(tags).join("|")})>)`);
const blockByTag = new Map<string, BlockName>(Object.entries(tags).map(([block, tag]) => [tag, block as BlockName]));

function push(segments: OutputSegment[], segment: OutputSegment): void {
  const last = segments.at(-1);
  if (last && last.kind === segment.kind && last.image === segment.image) last.text += segment.text;
  else segments.push(segment);
}

export function highlightOutput(text: string): OutputSegment[] {
  const segments: OutputSegment[] = [];
  let block: BlockName | null = null;
  // A score's rationale may run over several lines: they belong to it until the next recognised line.
  let openScore: ImageLabel | null = null;
  for (const piece of text.split(tagPattern)) {
    if (piece === "") continue;
    const tag = /^<(\/?)(.+)>$/.exec(piece);
    const tagBlock = tag ? blockByTag.get(tag[2]!) : undefined;
    if (tag && tagBlock) {
      block = tag[1] ? null : tagBlock;
      openScore = null;
      push(segments, { text: piece, kind: "tag" });
      continue;
    }
    for (const line of piece.split(/(?<=\n)/)) {
      // The readers see lines without their line break.
      const bare = line.replace(/\r?\n$/, "");
      if (block === null) push(segments, { text: line, kind: line.trim() === "" ? "reasoning" : "outside" });
      else if (block === "answer") push(segments, { text: line, kind: "answer" });
      else if (block === "think") {
        const read = classifyThinkLine(bare);
        if (read?.kind === "score") {
          openScore = read.image;
          push(segments, { text: line, kind: "score", image: read.image });
        } else if (read) {
          openScore = null;
          push(
            segments,
            read.kind === "total" ? { text: line, kind: "total", image: read.image } : { text: line, kind: "heading" },
          );
        } else if (openScore && line.trim() !== "") push(segments, { text: line, kind: "score", image: openScore });
        else push(segments, { text: line, kind: "reasoning" });
      } else push(segments, { text: line, kind: isProfileLine(bare) ? "profile" : "reasoning" });
    }
  }
  return segments;
}
