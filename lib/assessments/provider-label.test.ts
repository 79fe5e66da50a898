import { describe, expect, it } from "vitest";
import { baselineNames, describeModel } from "./provider-label";

describe("naming who answered", () => {
  it("always says the baseline is image statistics, not PreferThinker", () => {
    const baseline = { provider: "baseline", model: "baseline-image-statistics" };
    expect(describeModel(baseline)).toBe("Built-in baseline (image statistics, not PreferThinker)");
    expect(describeModel(baseline, { inSentence: true })).toBe(
      "the built-in baseline (image statistics, not PreferThinker)",
    );
    expect(baselineNames.badge).toBe("Built-in baseline: image statistics, not PreferThinker");
  });

  it("names a model server's answers by their model", () => {
    expect(describeModel({ provider: "openai-compatible", model: "preferthinker-7b" })).toBe("preferthinker-7b");
  });
});
