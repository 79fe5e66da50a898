import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The CLI as a user runs it: `npx preferthinker …` from the repository. */
function preferthinker(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["bin/preferthinker.mjs", ...args], { encoding: "utf8", input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const transcripts = "lib/preferthinker/__fixtures__";
const bench = "cli/__fixtures__/bench/TEST_SP_ID";
const data = join(bench, "TEST_SP_ID.json");
const results = join(bench, "rec_results_demo_TEST_SP_ID.json");

describe("preferthinker parse", () => {
  it("prints the reading of an output file as one JSON object", () => {
    const run = preferthinker(["parse", join(transcripts, "clean-b.txt"), "--label", "Image B"]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({
      answer: "Image B",
      formatValid: true,
      scores: { A: [2, 1, 2, 3, 3], B: [5, 5, 4, 4, 4] },
      statedTotals: { A: 11, B: 22 },
      computedTotals: { A: 11, B: 22 },
      issues: [],
      strictCorrect: true,
      lenientCorrect: true,
    });
    expect(Object.keys(output.profiles.preference[0])).toEqual([
      "Art Styles",
      "Color",
      "Artistic Medium",
      "Saturation",
      "Detail",
    ]);
    expect(output.rationales.B[0]).toBe("an impressionist river scene with loose brushwork");
  });

  it("reads standard input and reports issues by code", () => {
    const run = preferthinker(["parse", "-"], "<answer>image a.</answer>");
    const output = JSON.parse(run.stdout);
    expect(output.answer).toBe("image a.");
    expect(output.issues).toContain("invalid-answer");
    expect(output).not.toHaveProperty("strictCorrect");
  });
});

describe("preferthinker prompt", () => {
  it("prints the chat request for a sample with images as data URLs", () => {
    const run = preferthinker([
      "prompt",
      "--data",
      data,
      "--images",
      join(bench, "images"),
      "--index",
      "0",
      "--history",
      "2",
    ]);
    expect(run.stderr).toBe("");
    const request = JSON.parse(run.stdout);
    expect(request).toMatchObject({
      temperature: 0,
      repetition_penalty: 1.15,
      max_tokens: 4096,
      chat_template_kwargs: { add_vision_id: true },
    });
    const parts = request.messages[1].content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(parts.filter((part) => part.type === "image_url")).toHaveLength(2 + 2 + 2);
    expect(parts.find((part) => part.type === "image_url")!.image_url!.url).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(parts.map((part) => part.text).filter(Boolean)).toContain("Non-Preferred Image 2:");
  });

  it("uses URLs under a base when given one", () => {
    const run = preferthinker([
      "prompt",
      "--data",
      data,
      "--image-url-base",
      "https://bench.example/sp_id",
      "--index",
      "1",
      "--mode",
      "single",
    ]);
    const urls = JSON.parse(run.stdout)
      .messages[1].content.filter((part: { type: string }) => part.type === "image_url")
      .map((part: { image_url: { url: string } }) => part.image_url.url);
    expect(urls.at(-1)).toBe("https://bench.example/sp_id/s01_a.png");
    expect(urls).toHaveLength(3 + 3 + 1);
  });
});

describe("preferthinker score", () => {
  it("gives the official script's strict accuracy on the same file, with intervals", () => {
    const run = preferthinker(["score", "--data", data, "--results", results, "--json"]);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    // accuracy and correct in the results file were computed by Python the official way.
    expect(summary.strict.value * 100).toBeCloseTo(summary.official.accuracy, 10);
    expect(summary.official.rowsWhoseCorrectDiffers).toEqual([]);
    expect(summary).toMatchObject({
      subset: "TEST_SP_ID",
      n: 20,
      strict: { successes: 3, n: 20 },
      lenient: { successes: 4 },
    });
    expect(summary.strict.low).toBeLessThan(summary.strict.value);
    expect(summary.issueCounts.truncated).toBe(4);
  });

  it("prints a readable summary without --json", () => {
    const run = preferthinker(["score", "--data", data, "--results", results]);
    expect(run.stdout).toMatch(/strict accuracy +15\.0% \(95% CI 5\.2%-36\.0%; 3\/20\)/);
  });
});

describe("preferthinker template", () => {
  it("prints the default template, which prompt then accepts as a user's own file", () => {
    const run = preferthinker(["template"]);
    expect(JSON.parse(run.stdout).id).toBe("preferthinker-v1");
    const folder = mkdtempSync(join(tmpdir(), "studio-cli-"));
    const file = join(folder, "mine.json");
    writeFileSync(file, run.stdout.replace("Here are the two candidate images.", "Two candidates follow."));
    const prompt = preferthinker([
      "prompt",
      "--data",
      data,
      "--image-url-base",
      "https://x.example/",
      "--index",
      "0",
      "--template",
      file,
    ]);
    expect(prompt.stdout).toContain("Two candidates follow.");
    rmSync(folder, { recursive: true, force: true });
  });
});

describe("errors", () => {
  it.each([
    [["parse", "missing.txt"], "error: cannot read missing.txt: no such file"],
    [
      ["score", "--data", "package.json", "--results", results],
      "error: package.json is not a benchmark file: a benchmark file is a JSON array of samples",
    ],
    [
      ["score", "--data", data, "--results", join(transcripts, "clean-a.txt")],
      `error: ${join(transcripts, "clean-a.txt")} is not valid JSON`,
    ],
    [["prompt", "--data", data, "--images", bench, "--index", "99"], `error: ${data} has no sample 99 (it holds 20)`],
    [["prompt", "--data", data, "--images", bench, "--index", "0"], "error: image s00_p1.png not found in"],
    [["parse", "x", "--mode", "slow"], "error: --mode must be reasoning, fast or single, not slow"],
    [["frobnicate"], 'error: unknown command "frobnicate"'],
  ])("%j exits non-zero with one clear line", (args, message) => {
    const run = preferthinker(args);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });
});
