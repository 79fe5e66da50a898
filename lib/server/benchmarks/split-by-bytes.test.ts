import { describe, expect, it } from "vitest";
import { splitByBytes } from "./import-benchmark-subset";

const files = (...sizes: number[]) => sizes.map((size, index) => ({ name: `p${index}`, size }));
const names = (batches: { name: string }[][]) => batches.map((batch) => batch.map((file) => file.name));

describe("an import's picture batches", () => {
  it("holds at most the byte budget in flight, however few files that is", () => {
    expect(names(splitByBytes(files(40, 30, 20, 50, 10), 60, 64))).toEqual([["p0"], ["p1", "p2"], ["p3", "p4"]]);
  });

  it("takes a picture larger than the budget alone, and caps the count of tiny ones", () => {
    expect(names(splitByBytes(files(5, 200, 5), 60, 64))).toEqual([["p0"], ["p1"], ["p2"]]);
    expect(splitByBytes(files(...Array.from({ length: 130 }, () => 1)), 1000, 64).map((batch) => batch.length)).toEqual(
      [64, 64, 2],
    );
  });

  it("keeps every file once, in order", () => {
    const input = files(...Array.from({ length: 50 }, (_, index) => (index * 37) % 23));
    expect(splitByBytes(input, 40, 8).flat()).toEqual(input);
  });
});
