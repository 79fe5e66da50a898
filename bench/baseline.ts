/**
 * The baseline assessor's cost per assessment of 12 images (5 liked, 5
 * disliked references, 2 candidates), cold (every image decoded and
 * measured) and warm (features cached by image hash), for images of the demo
 * size (128 px) and of a typical stored size (1024 px JPEG), measured side
 * by side in one run. Goal on this machine: under 300 ms cold, under 20 ms
 * cached.
 *
 *   node --import tsx --conditions=react-server bench/baseline.ts
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { DemoProfile } from "../lib/demo/demo-attributes";
import { renderDemoImage } from "../lib/demo/render-demo-image";
import { imageInMemory, type ProviderImage } from "../lib/inference/assessment-provider";
import { BaselineProvider } from "../lib/inference/baseline/baseline-provider";
import { clearMeasuredImages } from "../lib/inference/baseline/measure-image";
import { builtInTemplates, defaultTemplateId } from "../lib/preferthinker/templates/preferthinker-v1";
import { MersenneTwister } from "../lib/preferthinker/python-random";

const liked: DemoProfile = {
  style: "organic",
  hue: "orange",
  medium: "gradient",
  saturation: "vivid",
  detail: "minimal",
};
const disliked: DemoProfile = {
  style: "striped",
  hue: "blue",
  medium: "pixel",
  saturation: "muted",
  detail: "intricate",
};

async function makeImage(profile: DemoProfile, seed: number, side: number): Promise<ProviderImage> {
  const raw = sharp(renderDemoImage(profile, new MersenneTwister(seed)), {
    raw: { width: 128, height: 128, channels: 3 },
  });
  const bytes = await (side === 128 ? raw : raw.resize(side, side, { kernel: "lanczos3" }))
    .jpeg({ quality: 90 })
    .toBuffer();
  return imageInMemory(createHash("sha256").update(bytes).digest("hex"), bytes);
}

async function makeInput(side: number, seedBase: number) {
  const images = (profile: DemoProfile, from: number, count: number) =>
    Promise.all(Array.from({ length: count }, (_, index) => makeImage(profile, seedBase + from + index, side)));
  return {
    mode: "reasoning" as const,
    template: builtInTemplates[defaultTemplateId]!,
    preferred: await images(liked, 0, 5),
    nonPreferred: await images(disliked, 10, 5),
    candidates: [...(await images(liked, 20, 1)), ...(await images(disliked, 30, 1))],
  };
}

const provider = new BaselineProvider();

async function assessOnce(input: Awaited<ReturnType<typeof makeInput>>): Promise<number> {
  const started = performance.now();
  const prepared = await provider.prepare(input);
  let text = "";
  for await (const event of prepared.stream(new AbortController().signal))
    if (event.type === "delta") text += event.text;
  if (!text.includes("<answer>")) throw new Error("the baseline wrote no answer");
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rounds = 15;

console.log(
  `baseline assessment of 12 images, median of ${rounds} runs each (cold: feature cache cleared before each run)`,
);
console.log("image side   cold ms   cached ms   cold/cached");
for (const side of [128, 1024]) {
  // Distinct images per round, so the cold runs never profit from sharp's own caches either.
  const inputs = await Promise.all(Array.from({ length: rounds }, (_, round) => makeInput(side, round * 100)));
  await assessOnce(inputs[0]!);
  const cold: number[] = [];
  const cached: number[] = [];
  for (const input of inputs) {
    clearMeasuredImages();
    cold.push(await assessOnce(input));
    // The same images again: the features now come from the cache.
    cached.push(await assessOnce(input));
  }
  console.log(
    `${String(side).padStart(6)} px   ${median(cold).toFixed(1).padStart(7)}   ${median(cached).toFixed(2).padStart(9)}   ${(median(cold) / median(cached)).toFixed(0).padStart(8)}x`,
  );
}
console.log("goal: cold < 300 ms, cached < 20 ms");
