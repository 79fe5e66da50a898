import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutAt, feedPieces } from "./__fixtures__/fixtures";
import type { AssessmentMode } from "./types";

/** Text made of the pieces responses are made of, so generated cases reach deep into the parser. */
const responseLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "<visual preference profile>",
        "</visual preference profile>",
        "<visual non-preference profile>",
        "</visual non-preference profile>",
        "<think>",
        "</think>",
        "<answer>",
        "</answer>",
        "<answer",
        "</",
        "Image A(",
        "Image B(",
        "3",
        "2.5",
        "-1",
        ")",
        " - ",
        ";",
        "\n",
        "\r",
        "\r\n",
        " ",
        "Total:",
        "Image A: total_score=",
        "Image B: total_score=",
        "+",
        "=",
        "1. Artistic style:",
        "5. Detail:",
        '"Color": "',
        '"Art Styles": ',
        '",',
        "Profile 2:",
        "Image A",
        "Image B",
        "é",
        "🙂",
        "\u0085",
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(""));

const anyText = fc.oneof(
  responseLike,
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
);
const mode = fc.constantFrom<AssessmentMode>("reasoning", "fast", "single");

describe("the streaming parser on arbitrary text", () => {
  it("never throws and hands back every character", () => {
    fc.assert(
      fc.property(anyText, mode, (text, parseMode) => {
        expect(feedPieces([text], parseMode).text).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the same events and reading however the text is split", () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.nat(), { maxLength: 12 }), mode, (text, cuts, parseMode) => {
        const whole = feedPieces([text], parseMode);
        const split = feedPieces(
          cutAt(
            text,
            cuts.map((cut) => cut % (text.length + 1)),
          ),
          parseMode,
        );
        expect(split).toEqual(whole);
      }),
      { numRuns: 1000 },
    );
  });
});
