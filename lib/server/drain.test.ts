import { describe, expect, it } from "vitest";
import { assertTakingNewWork, drain, isDraining, isReady, markReady, onDrain } from "./drain";

describe("draining an instance", () => {
  it("turns unready at once, tells each piece of work its deadline, and names what did not let go in time", async () => {
    expect(isReady()).toBe(false);
    markReady();
    expect(isReady()).toBe(true);

    const deadlines: Date[] = [];
    onDrain("quick work", async (deadline) => {
      deadlines.push(deadline);
    });
    onDrain("stuck work", () => new Promise<void>(() => {}));
    const takenBack = onDrain("ended work", () => {
      throw new Error("should not be asked");
    });
    takenBack();
    onDrain("failing work", () => Promise.reject(new Error("could not let go")));

    const before = Date.now();
    const draining = drain(200);
    expect(isDraining()).toBe(true);
    expect(isReady()).toBe(false);
    expect(() => assertTakingNewWork()).toThrowError(/shutting down/);
    const { unfinished } = await draining;

    expect(unfinished.sort()).toEqual(["failing work", "stuck work"]);
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]!.getTime()).toBeGreaterThanOrEqual(before + 200);
  });
});
