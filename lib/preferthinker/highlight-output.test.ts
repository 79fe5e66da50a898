import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFixture as fixture } from "./__fixtures__/fixtures";
import { highlightOutput } from "./highlight-output";

describe("marking a response's parts", () => {
  it("finds every part of a clean response: 2 × 5 profile lines, 10 scores, 2 totals, the answer", () => {
    const segments = highlightOutput(fixture("clean-a"));
    const lines = (kind: string) =>
      segments
        .filter((segment) => segment.kind === kind)
        .flatMap((segment) => segment.text.split("\n").filter((line) => line.trim() !== ""));
    expect(lines("profile")).toHaveLength(10);
    expect(lines("score")).toHaveLength(10);
    expect(lines("total").map((line) => line.slice(0, 20))).toEqual(["Image A: total_score", "Image B: total_score"]);
    expect(lines("answer")).toEqual(["Image A"]);
    expect(lines("heading")).toHaveLength(6);
    expect(
      segments.filter((segment) => segment.kind === "score" && segment.image === "B").map((segment) => segment.text),
    ).toHaveLength(5);
    expect(lines("outside")).toEqual([]);
    expect(segments.filter((segment) => segment.kind === "tag")).toHaveLength(8);
  });

  it("marks text outside the blocks, which the official format check refuses", () => {
    const outside = highlightOutput(fixture("chatter")).filter((segment) => segment.kind === "outside");
    expect(outside.length).toBeGreaterThan(0);
  });

  it("keeps a rationale that runs over two lines with its score", () => {
    const segments = highlightOutput(
      "<think>\nColor:\nImage A(3) - warm,\nbut a little dull;\nImage B(1) - cold\n</think>",
    );
    expect(segments.find((segment) => segment.kind === "score" && segment.image === "A")?.text).toBe(
      "Image A(3) - warm,\nbut a little dull;\n",
    );
  });

  it("gives back the response exactly, whatever it holds", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              "<think>",
              "</think>",
              "<answer>",
              "</answer>",
              "\n",
              "Image A(3) - x",
              "Total:",
              '"Color": "red"',
            ),
          ),
          { maxLength: 30 },
        ),
        (parts) => {
          const text = parts.join("");
          expect(
            highlightOutput(text)
              .map((segment) => segment.text)
              .join(""),
          ).toBe(text);
        },
      ),
    );
  });
});
