import { describe, expect, it } from "vitest";
import { drawOfflinePair, offlinePairProbability, wasShown } from "./offline-pairs";

const pool = ["a", "b", "c", "d"];

describe("pairs drawn offline", () => {
  it("never draws a pair shown in either order, and gives the probability of a uniform draw", () => {
    const shown: [string, string][] = [
      ["b", "a"],
      ["a", "c"],
      ["d", "a"],
      ["c", "b"],
      ["b", "d"],
    ];
    for (const value of [0, 0.3, 0.7, 0.99]) {
      const pair = drawOfflinePair(pool, shown, () => value);
      expect(pair && [pair.leftImageId, pair.rightImageId].sort()).toEqual(["c", "d"]);
      expect(pair?.probability).toBe(1);
    }
    expect(drawOfflinePair(pool, [...shown, ["c", "d"]])).toBeNull();
  });

  it("draws every unseen pair about equally often, on either side", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const counts = new Map<string, number>();
    let leftFirst = 0;
    for (let draw = 0; draw < 6000; draw++) {
      const pair = drawOfflinePair(pool, [["a", "b"]], random)!;
      expect(pair.probability).toBeCloseTo(1 / 5);
      const key = [pair.leftImageId, pair.rightImageId].sort().join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (pair.leftImageId < pair.rightImageId) leftFirst++;
    }
    expect([...counts.keys()].sort()).toEqual(["ac", "ad", "bc", "bd", "cd"]);
    for (const count of counts.values()) expect(count).toBeGreaterThan(1000);
    expect(leftFirst).toBeGreaterThan(2700);
    expect(leftFirst).toBeLessThan(3300);
  });

  it("computes the same probability the server records", () => {
    expect(offlinePairProbability(4, 1)).toBeCloseTo(1 / 5);
    expect(offlinePairProbability(60, 10)).toBeCloseTo(1 / 1760);
    expect(offlinePairProbability(2, 1)).toBe(0);
    expect(wasShown([["x", "y"]], "y", "x")).toBe(true);
    expect(wasShown([["x", "y"]], "x", "z")).toBe(false);
  });
});
