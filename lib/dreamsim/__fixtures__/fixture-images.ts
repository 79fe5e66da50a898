import type { PixelImage } from "../pil-bicubic-resize";

/**
 * Fixed test pictures, defined by a formula so that Python (Pillow, in
 * tools/export-dreamsim/make_resize_fixtures.py) and TypeScript make the same
 * pixels without shipping them: gradients, hard-edged blocks (to bring out
 * the kernel's negative lobes and clipping) and a fine texture.
 * Keep the formula in step with fixture_pixel() in that script.
 */
export const fixtureSizes = [
  [300, 200],
  [97, 61],
  [640, 150],
  [224, 224],
] as const;

export function fixturePixel(x: number, y: number, channel: number, width: number, height: number): number {
  const gradient =
    Math.floor((x * 255) / width) * (channel === 0 ? 1 : 0) + Math.floor((y * 255) / height) * (channel === 1 ? 1 : 0);
  const block = ((x >> 4) ^ (y >> 4)) & 1 ? 96 : 0;
  const texture = ((x * 7 + y * 3 * (channel + 1)) % 5) * 9;
  return (gradient + block + texture + channel * 40) % 256;
}

export function makeFixtureImage(width: number, height: number): PixelImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = fixturePixel(x, y, c, width, height);
  return { width, height, channels: 3, data };
}
