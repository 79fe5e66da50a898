import { describe, expect, it } from "vitest";
import { answeredPosition, isConsistentUnderSwap, swapLabel } from "./swap-order";

describe("swap order", () => {
  it("exchanges the label's position", () => {
    expect(swapLabel("Image A")).toBe("Image B");
    expect(swapLabel("Image B")).toBe("Image A");
  });

  it("reads the answered position as leniently as the training reward", () => {
    expect(answeredPosition("<think>…</think>\n<answer>Image B.</answer>")).toBe("B");
    expect(answeredPosition("<answer> image a </answer>")).toBe("A");
    expect(answeredPosition("<answer>both</answer>")).toBeNull();
    expect(answeredPosition("no answer at all")).toBeNull();
  });

  it("calls the same letter in both orders following the position, and the same picture consistent", () => {
    expect(isConsistentUnderSwap("<answer>Image A</answer>", "<answer>Image A</answer>")).toBe(false);
    expect(isConsistentUnderSwap("<answer>Image A</answer>", "<answer>Image B</answer>")).toBe(true);
    expect(isConsistentUnderSwap("<answer>Image A</answer>", "<answer>neither</answer>")).toBeNull();
  });
});
