import { describe, expect, it } from "vitest";
import { describeRunWait } from "./run-wait-text";

describe("the wait of a queued run, in words", () => {
  it("says how many of the researcher's runs are running and when this one starts", () => {
    expect(describeRunWait({ reason: "runs_per_user", running: 2, limit: 2 })).toBe(
      "Queued: 2 of your runs are running (at most 2 at once); this one starts when one finishes.",
    );
    expect(describeRunWait({ reason: "runs_per_user", running: 1, limit: 1 })).toBe(
      "Queued: 1 of your runs is running (at most 1 at once); this one starts when it finishes.",
    );
    expect(describeRunWait(null)).toBeNull();
  });
});
