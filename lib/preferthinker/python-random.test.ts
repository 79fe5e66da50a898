import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MersenneTwister, pythonShuffle, pythonShufflePositions } from "./python-random";

// Orders produced by Python itself (tools/parity/python_shuffle.py).
const rows: { seed: number; length: number; order: number[] }[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "__fixtures__/python-shuffle.json"), "utf8"),
);

describe("pythonShuffle", () => {
  it.each(rows.map((row) => [row.seed, row.length, row] as const))(
    "seed %i, %i items: Python's order",
    (_seed, _length, row) => {
      const items = Array.from({ length: row.length }, (_, index) => index);
      expect(pythonShuffle(items, row.seed)).toEqual(row.order);
    },
  );

  it("leaves its input alone", () => {
    const items = [1, 2, 3];
    pythonShuffle(items, 42);
    expect(items).toEqual([1, 2, 3]);
  });
});

describe("pythonShufflePositions", () => {
  it.each(rows.map((row) => [row.seed, row.length, row] as const))(
    "seed %i, %i items: each item's place in Python's order",
    (_seed, _length, row) => {
      const positions = pythonShufflePositions(row.length, row.seed);
      const placed: number[] = [];
      positions.forEach((position, item) => (placed[position] = item));
      expect(placed).toEqual(row.order);
    },
  );

  it("agrees with pythonShuffle on a long list", () => {
    const items = Array.from({ length: 5000 }, (_, index) => index);
    const shuffled = pythonShuffle(items, 42);
    const positions = pythonShufflePositions(5000, 42);
    expect(shuffled.every((item, position) => positions[item] === position)).toBe(true);
  });
});

describe("MersenneTwister", () => {
  it("draws Python's random() and randrange() sequence", () => {
    // Python: r = random.Random(20260101); [r.random() for _ in range(4)], [r.randrange(7) for _ in range(5)]
    const random = new MersenneTwister(20260101);
    expect([random.random(), random.random(), random.random(), random.random()]).toEqual([
      0.044717192733188416, 0.297835610487425, 0.006481402397762404, 0.8825169947267333,
    ]);
    expect(Array.from({ length: 5 }, () => random.randBelow(7))).toEqual([0, 3, 5, 0, 1]);
  });
});
