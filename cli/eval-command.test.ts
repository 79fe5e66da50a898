import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";

/** `npx preferthinker eval` as a researcher runs it, on a small demo benchmark written here. */

const root = mkdtempSync(join(tmpdir(), "studio-eval-cli-"));
const bench = join(root, "bench");

function preferthinker(args: string[]) {
  const result = spawnSync(process.execPath, ["bin/preferthinker.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: join(root, "data") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  await writeDemoBenchmark(bench, { sizes: { TEST_SP_ID: 8, TEST_MP_OD: 4 } });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("preferthinker eval", () => {
  it("runs the baseline over a data file and its pictures, writes the official results format, and score reads it back to the same accuracy", () => {
    const data = join(bench, "data", "TEST_SP_ID", "TEST_SP_ID.json");
    const out = join(root, "results.json");
    const run = preferthinker([
      "eval",
      "--baseline",
      "--data",
      data,
      "--images",
      join(bench, "images"),
      "--concurrency",
      "3",
      "--out",
      out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const strict = /TEST_SP_ID\s+n=8\s+strict (\d+\.\d)%/.exec(run.stdout);
    expect(strict).not.toBeNull();
    const file = JSON.parse(readFileSync(out, "utf8")) as {
      accuracy: number;
      results: { correct: number; model_output: string }[];
    };
    expect(file.results).toHaveLength(8);
    expect(file.accuracy.toFixed(1)).toBe(strict![1]);
    expect(file.results.every((row) => row.model_output.includes("<answer>"))).toBe(true);

    const scored = preferthinker(["score", "--data", data, "--results", out, "--json"]);
    expect(scored.status).toBe(0);
    const summary = JSON.parse(scored.stdout) as {
      strict: { value: number };
      official: { accuracy: number; rowsWhoseCorrectDiffers: number[] };
    };
    expect((summary.strict.value * 100).toFixed(1)).toBe(strict![1]);
    expect(summary.official.rowsWhoseCorrectDiffers).toEqual([]);
  }, 60_000);

  it("writes its rows in the official order, whatever order they finished in", () => {
    const folder = join(root, "out");
    const [first, second] = [
      preferthinker([
        "eval",
        "--benchmark",
        bench,
        "--subset",
        "TEST_MP_OD",
        "--concurrency",
        "1",
        "--out",
        folder,
        "--json",
      ]),
      preferthinker([
        "eval",
        "--benchmark",
        bench,
        "--subset",
        "TEST_MP_OD",
        "--concurrency",
        "4",
        "--out",
        join(root, "out4"),
        "--json",
      ]),
    ];
    expect([first.status, second.status]).toEqual([0, 0]);
    const rows = (path: string) =>
      (JSON.parse(readFileSync(path, "utf8")) as { results: { imageA: string }[] }).results.map((row) => row.imageA);
    expect(rows(join(root, "out4", "rec_results_baseline-image-statistics_TEST_MP_OD.json"))).toEqual(
      rows(join(folder, "rec_results_baseline-image-statistics_TEST_MP_OD.json")),
    );
  }, 60_000);

  it.each([
    [["--data", "x.json"], /--data and --images go together/],
    [["--baseline", "--endpoint", "http://127.0.0.1:9/v1"], /--baseline and --endpoint exclude each other/],
    [["--concurrency", "0"], /--concurrency must be a whole number, at least 1/],
  ])("refuses %j with one clear line", (args, message) => {
    const run = preferthinker(["eval", "--benchmark", bench, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });
});
