import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonShuffle } from "./python-random";

// Orders produced by Python itself (tools/parity/python_shuffle.py).
const rows: { seed: number; length: number; order: number[] }[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "__fixtures__/python-shuffle.json"), "utf8"),
);

describe("pythonShuffle", () => {
  it.each(rows.map((row) => [row.seed, row.length, row] as const))("seed %i, %i items: Python's order", (_seed, _length, row) => {
    const items = Array.from({ length: row.length }, (_, index) => index);
    expect(pythonShuffle(items, row.seed)).toEqual(row.order);
  });

  it("leaves its input alone", () => {
    const items = [1, 2, 3];
    pythonShuffle(items, 42);
    expect(items).toEqual([1, 2, 3]);
  });
});
