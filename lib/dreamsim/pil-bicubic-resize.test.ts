import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { fixtureSizes, makeFixtureImage } from "./__fixtures__/fixture-images";
import { imagenetNormalization } from "./model-manifest";
import { type PixelImage, resizeBicubicLikePillow } from "./pil-bicubic-resize";
import { preprocessImage } from "./preprocess";

const fixture = (width: number, height: number) =>
  new URL(`./__fixtures__/pillow-bicubic-224-from-${width}x${height}.png`, import.meta.url);

async function readPillowOutput(width: number, height: number): Promise<Uint8Array> {
  const { data, info } = await sharp(readFileSync(fixture(width, height)))
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([224, 224, 3]);
  return new Uint8Array(data);
}

/**
 * An independent reference, written from the definition rather than from
 * Pillow's code: a separable antialiased Keys (a = -0.5) filter evaluated in
 * double precision, horizontal pass then vertical, each clipped to the 8-bit
 * range as an 8-bit image must be, but without Pillow's fixed point or its
 * rounding to whole levels.
 */
function referenceResize(image: PixelImage, size: number): Float64Array {
  const weightsFor = (inSize: number) =>
    Array.from({ length: size }, (_, out) => {
      const scale = inSize / size;
      const widen = Math.max(scale, 1);
      const center = (out + 0.5) * scale;
      const taps: [number, number][] = [];
      for (let i = 0; i < inSize; i++) {
        const t = Math.abs((i + 0.5 - center) / widen);
        const w = t < 1 ? 1.5 * t ** 3 - 2.5 * t ** 2 + 1 : t < 2 ? -0.5 * t ** 3 + 2.5 * t ** 2 - 4 * t + 2 : 0;
        if (w !== 0) taps.push([i, w]);
      }
      const total = taps.reduce((sum, [, w]) => sum + w, 0);
      return taps.map(([i, w]) => [i, w / total] as const);
    });
  const clip = (value: number) => Math.min(255, Math.max(0, value));
  const columns = weightsFor(image.width);
  const rows = weightsFor(image.height);
  const wide = new Float64Array(size * image.height * 3);
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const [sx, w] of columns[x]!) sum += w * image.data[(y * image.width + sx) * image.channels + c]!;
        wide[(y * size + x) * 3 + c] = clip(sum);
      }
  const out = new Float64Array(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const [sy, w] of rows[y]!) sum += w * wide[(sy * size + x) * 3 + c]!;
        out[(y * size + x) * 3 + c] = clip(sum);
      }
  return out;
}

describe("DreamSim's bicubic resize", () => {
  it.each(fixtureSizes)(
    "reproduces Pillow's BICUBIC resize of a %ix%i picture to 224x224 exactly",
    async (width, height) => {
      const ours = resizeBicubicLikePillow(makeFixtureImage(width, height), 224, 224);
      const pillow = await readPillowOutput(width, height);
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - pillow[i]!));
      // In [0,1] units, the tolerance 1e-3 is less than one level in 255: equal bytes.
      expect(worst / 255).toBeLessThanOrEqual(1e-3);
    },
  );

  it.each(fixtureSizes)(
    "stays within Pillow's 8-bit rounding of a double-precision antialiased Keys filter (%ix%i)",
    (width, height) => {
      const image = makeFixtureImage(width, height);
      const ours = resizeBicubicLikePillow(image, 224, 224);
      const reference = referenceResize(image, 224);
      let worst = 0;
      let total = 0;
      for (let i = 0; i < ours.length; i++) {
        const difference = Math.abs(ours[i]! - reference[i]!);
        worst = Math.max(worst, difference);
        total += difference;
      }
      // Two passes, each rounded to a whole level: at most about one level apart, on average much less.
      expect(worst).toBeLessThan(2);
      expect(total / ours.length / 255).toBeLessThan(2e-3);
    },
  );

  it("drops alpha without compositing, like convert('RGB')", () => {
    const rgb = makeFixtureImage(97, 61);
    const rgba = new Uint8Array(97 * 61 * 4);
    for (let i = 0; i < 97 * 61; i++) rgba.set([...rgb.data.subarray(i * 3, i * 3 + 3), i % 256], i * 4);
    // Buffer comparison: a deep equality of 150,000 elements is slow.
    expect(
      Buffer.from(resizeBicubicLikePillow({ width: 97, height: 61, channels: 4, data: rgba }, 224, 224)).equals(
        Buffer.from(resizeBicubicLikePillow(rgb, 224, 224)),
      ),
    ).toBe(true);
  });
});

describe("DreamSim's input tensor", () => {
  it("scales Pillow's output to [0,1] and applies ImageNet's mean and std per channel, in CHW order, within 1e-3", async () => {
    const input = { name: "pixels", size: 224, normalization: imagenetNormalization };
    for (const [width, height] of fixtureSizes) {
      const tensor = preprocessImage(makeFixtureImage(width, height), input);
      const pillow = await readPillowOutput(width, height);
      expect(tensor.length).toBe(3 * 224 * 224);
      let worst = 0;
      for (let c = 0; c < 3; c++)
        for (let i = 0; i < 224 * 224; i++) {
          const expected = (pillow[i * 3 + c]! / 255 - imagenetNormalization.mean[c]!) / imagenetNormalization.std[c]!;
          worst = Math.max(worst, Math.abs(tensor[c * 224 * 224 + i]! - expected));
        }
      expect(worst).toBeLessThan(1e-3);
    }
  });

  it("leaves [0,1] pixels alone when the model normalises by itself", () => {
    const tensor = preprocessImage(makeFixtureImage(224, 224), { name: "pixels", size: 224, normalization: null });
    expect(tensor.every((value) => value >= 0 && value <= 1)).toBe(true);
  });
});
