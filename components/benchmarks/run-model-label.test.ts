import { describe, expect, it } from "vitest";
import { describeRun, describeRunModel, describeRuns, formatRunTime } from "./run-model-label";

const run = (
  id: string,
  changes: {
    provider?: string;
    model?: string;
    endpoint?: string;
    mode?: string;
    createdAt?: string;
    subset?: string;
    done?: number;
  } = {},
) => ({
  id,
  provider: changes.provider ?? "openai-compatible",
  model: changes.model ?? "preferthinker-7b",
  endpoint: changes.endpoint ?? "default",
  mode: changes.mode ?? "reasoning",
  createdAt: changes.createdAt ?? "2026-12-03T14:05:09.000Z",
  subset: { name: changes.subset ?? "TEST_SP_ID" },
  progress: { done: changes.done ?? 500 },
});

const utc = { timeZone: "UTC" };

describe("run labels", () => {
  it("names the subset, model, mode, full date and time, and the results", () => {
    expect(describeRun(run("r1"), utc)).toBe(
      "TEST_SP_ID · preferthinker-7b on default · reasoning · 3 Dec 2026, 14:05 · 500 results",
    );
    expect(describeRun(run("r2", { mode: "fast", done: 1 }), utc)).toBe(
      "TEST_SP_ID · preferthinker-7b on default · fast (answer only) · 3 Dec 2026, 14:05 · 1 result",
    );
    expect(describeRun(run("r3", { mode: "single" }), utc)).toContain(" · single image · ");
  });

  it("tells two runs of one model on one subset apart by mode and by time", () => {
    const labels = describeRuns(
      [run("a"), run("b", { mode: "fast" }), run("c", { createdAt: "2026-12-04T09:30:00.000Z" })],
      utc,
    );
    expect(new Set(labels.values()).size).toBe(3);
    expect(labels.get("c")).toContain("4 Dec 2026, 09:30");
  });

  it("adds the seconds only when two runs were made in the same minute", () => {
    const labels = describeRuns(
      [
        run("a", { createdAt: "2026-12-03T14:05:09.000Z" }),
        run("b", { createdAt: "2026-12-03T14:05:41.000Z" }),
        run("c", { subset: "TEST_MP_ID" }),
      ],
      utc,
    );
    expect(labels.get("a")).toContain("3 Dec 2026, 14:05:09");
    expect(labels.get("b")).toContain("3 Dec 2026, 14:05:41");
    expect(labels.get("c")).toContain("3 Dec 2026, 14:05 ·");
  });

  it("says what the baseline and an imported results file are, and shows the time in the reader's zone", () => {
    expect(
      describeRun(run("b", { provider: "baseline", model: "baseline-image-statistics", endpoint: "baseline" }), utc),
    ).toMatch(/^TEST_SP_ID · Built-in baseline \(image statistics, not PreferThinker\) · reasoning · /);
    expect(describeRun(run("i", { provider: "imported", model: "gpt-4o", endpoint: "imported" }), utc)).toContain(
      "gpt-4o (from a results file) · reasoning",
    );
    expect(formatRunTime("2026-12-03T23:30:00.000Z", { timeZone: "Europe/Berlin" })).toBe("4 Dec 2026, 00:30");
  });

  it("keeps the results table's model names, with fast mode marked", () => {
    expect(describeRunModel({ provider: "baseline", model: "x", endpoint: "baseline", mode: "fast" })).toBe(
      "Built-in baseline (image statistics, not PreferThinker), fast",
    );
  });
});
