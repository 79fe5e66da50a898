import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoProfile } from "../lib/demo/demo-attributes";
import { DEMO_IMAGE_SIZE, renderDemoImage } from "../lib/demo/render-demo-image";
import { MersenneTwister } from "../lib/preferthinker/python-random";
import { type FakeModelServer, startFakeModelServer } from "../test/fake-model-server";

type Run = { status: number | null; stdout: string; stderr: string };

const bin = resolve("bin/preferthinker.mjs");

/**
 * The CLI as a user runs it (`npx preferthinker …`) in the folder of their
 * pictures, without blocking this process, which may be serving as the
 * model server. `onOutput` sees stdout as it grows, with a way to press
 * Ctrl-C (SIGINT to the whole process group, as a terminal sends it).
 */
function preferthinker(args: string[], onOutput?: (stdout: string, pressCtrlC: () => void) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: folder, detached: true });
    let [stdout, stderr] = ["", ""];
    let isPressed = false;
    const pressCtrlC = () => {
      if (isPressed) return;
      isPressed = true;
      process.kill(-child.pid!, "SIGINT");
    };
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
      onOutput?.(stdout, pressCtrlC);
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", fail);
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

const liked: DemoProfile = {
  style: "organic",
  hue: "orange",
  medium: "gradient",
  saturation: "vivid",
  detail: "minimal",
};
const disliked: DemoProfile = {
  style: "geometric",
  hue: "blue",
  medium: "pixel",
  saturation: "muted",
  detail: "intricate",
};
const cleanB = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");

let folder: string;
let server: FakeModelServer;
type Images = { preferred: string; "non-preferred": string; candidates: string };
/** Two liked and two disliked references; Image A is of the disliked kind, Image B of the liked. */
const pair: Images = {
  preferred: "liked-1.png,liked-2.png",
  "non-preferred": "disliked-1.png,disliked-2.png",
  candidates: "disliked-candidate.png,liked-candidate.png",
};
const assess = (images: Partial<Images> = {}, ...options: string[]) => [
  "assess",
  ...Object.entries({ ...pair, ...images }).flatMap(([flag, value]) => [`--${flag}`, value]),
  ...options,
];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "studio-assess-"));
  const render = (profile: DemoProfile, seed: number, name: string) =>
    sharp(Buffer.from(renderDemoImage(profile, new MersenneTwister(seed))), {
      raw: { width: DEMO_IMAGE_SIZE, height: DEMO_IMAGE_SIZE, channels: 3 },
    })
      .png()
      .toFile(join(folder, `${name}.png`));
  await Promise.all([
    render(liked, 1, "liked-1"),
    render(liked, 2, "liked-2"),
    render(liked, 3, "liked-candidate"),
    render(disliked, 11, "disliked-1"),
    render(disliked, 12, "disliked-2"),
    render(disliked, 13, "disliked-candidate"),
  ]);
  writeFileSync(
    join(folder, "drawing.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="orange"/></svg>',
  );
  server = await startFakeModelServer();
});

afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("preferthinker assess", () => {
  it("streams the baseline's assessment, then the table, preferring the candidate like the liked references", async () => {
    const run = await preferthinker(assess());
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [streamed, table] = run.stdout.split("Model baseline-image-statistics, reasoning mode");
    for (const tag of [
      "<visual preference profile>",
      "<visual non-preference profile>",
      "<think>",
      "<answer>Image B</answer>",
    ])
      expect(streamed).toContain(tag);
    expect(table).toContain("Preference profile");
    expect(table).toContain("Non-preference profile");
    const totals = streamed!.match(/Image A: total_score=[\d+]+=(\d+)\nImage B: total_score=[\d+]+=(\d+)/)!;
    expect(Number(totals[2])).toBeGreaterThan(Number(totals[1]));
    expect(table).toMatch(new RegExp(`Total stated +${totals[1]} +${totals[2]}\\n`));
    expect(table).toMatch(new RegExp(`Sum of scores +${totals[1]} +${totals[2]}\\n`));
    expect(table).toContain("Answer: Image B");
    expect(table).toContain("Issues: no issues");
  }, 60_000);

  it("prints one JSON object with --json: the reading and the raw output", async () => {
    const run = await preferthinker(assess({}, "--json"));
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      model: "baseline-image-statistics",
      mode: "reasoning",
      answer: "Image B",
      formatValid: true,
      issues: [],
    });
    expect(result.output).toMatch(/^<visual preference profile>[\s\S]*<answer>Image B<\/answer>$/);
  }, 60_000);

  it("streams a model server's text and reads it, sending the server all six images", async () => {
    server.queue({ kind: "stream", text: cleanB, chunkSize: 16, delayMs: 1 });
    const before = server.requests.length;
    const run = await preferthinker(assess({}, "--endpoint", server.url, "--model", "preferthinker-7b"));
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith(cleanB)).toBe(true);
    expect(run.stdout).toContain("Model preferthinker-7b, reasoning mode");
    expect(run.stdout).toMatch(/Image A +Image B/);
    expect(run.stdout).toMatch(/Artistic style +2 a flat vector poster.* +5 an impressionist river scene/);
    expect(run.stdout).toMatch(/Total stated +11 +22\n/);
    expect(run.stdout).toContain("Answer: Image B");
    const request = server.requests[before]!.body as {
      model: string;
      messages: { content: string | { type: string }[] }[];
    };
    expect(request.model).toBe("preferthinker-7b");
    const parts = request.messages.flatMap((message) => (Array.isArray(message.content) ? message.content : []));
    expect(parts.filter((part) => part.type === "image_url")).toHaveLength(6);
  }, 60_000);

  it("stops at Ctrl-C, closing the model server's stream, and shows what arrived", async () => {
    // The server sends the first 400 characters, then waits until the client hangs up.
    server.queue({ kind: "stall", text: cleanB, afterChunks: 50 });
    const before = server.requests.length;
    const run = await preferthinker(assess({}, "--endpoint", server.url), (stdout, pressCtrlC) => {
      if (stdout.includes("<visual non-preference profile>")) pressCtrlC();
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Preference profile");
    expect(run.stdout).not.toContain("</think>");
    expect(run.stderr.trim()).toBe("error: interrupted: the assessment stopped after 400 characters");
    expect(server.requests[before]!.closedAt).toBeDefined();
  }, 60_000);

  it.each([
    [
      "a missing file",
      assess({ preferred: "liked-1.png,missing.png" }),
      "error: cannot read missing.png: no such file",
    ],
    [
      "an SVG file",
      assess({ "non-preferred": "disliked-1.png,drawing.svg" }),
      "error: drawing.svg: SVG files are not accepted. Use a JPEG, PNG, WebP, AVIF or GIF file.",
    ],
    [
      "one candidate",
      assess({ candidates: "liked-candidate.png" }),
      "error: --candidates takes exactly 2 images (Image A, Image B), got 1; use --mode single to score one",
    ],
    [
      "two candidates in single mode",
      assess({}, "--mode", "single"),
      "error: --mode single takes exactly 1 candidate, got 2",
    ],
    ["no preferred image", assess({ preferred: "" }), "error: --preferred needs at least one image"],
  ])(
    "%s: exits non-zero with one clear line",
    async (_, args, message) => {
      const run = await preferthinker(args);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(message);
    },
    60_000,
  );
});
