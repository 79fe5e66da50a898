import { describe, expect, it } from "vitest";
import { paperColumns } from "./metrics";
import { publishedRows } from "./published-figures";

describe("published figures", () => {
  it("each row's average is the mean of its five columns, to the paper's rounding", () => {
    for (const published of publishedRows) {
      const mean =
        paperColumns.reduce((total, column) => total + published.accuracy[column.subset], 0) / paperColumns.length;
      expect(Math.abs(mean - published.average), published.method).toBeLessThanOrEqual(0.051);
    }
  });
});
