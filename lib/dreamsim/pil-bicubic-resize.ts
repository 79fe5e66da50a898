/**
 * Bicubic resizing exactly as Pillow does it (Image.resize with
 * Resampling.BICUBIC), which is what DreamSim's pre-processing runs:
 * torchvision's Resize on a PIL image calls Pillow.
 *
 * Pillow's algorithm (libImaging/Resample.c), reproduced step for step:
 * - a Keys cubic kernel with a = -0.5, support 2;
 * - when shrinking, the kernel is widened by the shrink factor (antialiasing);
 * - weights normalised to sum 1, then turned into 22-bit fixed point;
 * - a horizontal pass, rounded and clipped to 8 bits, then a vertical pass.
 * The intermediate 8-bit rounding matters: a float implementation differs
 * from Pillow by up to a couple of levels in 255.
 */

const precisionBits = 32 - 8 - 2;

function bicubicKernel(distance: number): number {
  const a = -0.5;
  const x = Math.abs(distance);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

type Coefficients = { kernelSize: number; starts: Int32Array; counts: Int32Array; weights: Int32Array };

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc, for one axis. */
function computeCoefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 2 * filterScale;
  const kernelSize = Math.ceil(support) * 2 + 1;
  const starts = new Int32Array(outSize);
  const counts = new Int32Array(outSize);
  const weights = new Int32Array(outSize * kernelSize);
  const row = new Float64Array(kernelSize);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    // C's (int) cast truncates toward zero.
    const first = Math.max(Math.trunc(center - support + 0.5), 0);
    const last = Math.min(Math.trunc(center + support + 0.5), inSize);
    const count = last - first;
    let total = 0;
    for (let k = 0; k < count; k++) {
      row[k] = bicubicKernel((k + first - center + 0.5) / filterScale);
      total += row[k]!;
    }
    for (let k = 0; k < count; k++) {
      const weight = total !== 0 ? row[k]! / total : row[k]!;
      const fixed = weight * (1 << precisionBits);
      weights[out * kernelSize + k] = Math.trunc(weight < 0 ? fixed - 0.5 : fixed + 0.5);
    }
    starts[out] = first;
    counts[out] = count;
  }
  return { kernelSize, starts, counts, weights };
}

function clip8(sum: number): number {
  if (sum >= 1 << (precisionBits + 8)) return 255;
  if (sum <= 0) return 0;
  return sum >> precisionBits;
}

/** An 8-bit image, channels interleaved (RGB or RGBA). */
export type PixelImage = { width: number; height: number; channels: 3 | 4; data: Uint8Array | Uint8ClampedArray };

function resizeHorizontally(image: PixelImage, outWidth: number): Uint8Array {
  const { width, height, channels, data } = image;
  const { kernelSize, starts, counts, weights } = computeCoefficients(width, outWidth);
  const out = new Uint8Array(outWidth * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      const first = starts[x]!;
      const count = counts[x]!;
      const base = x * kernelSize;
      for (let c = 0; c < 3; c++) {
        let sum = 1 << (precisionBits - 1);
        for (let k = 0; k < count; k++) sum += data[(y * width + first + k) * channels + c]! * weights[base + k]!;
        out[(y * outWidth + x) * 3 + c] = clip8(sum);
      }
    }
  }
  return out;
}

function resizeVertically(rgb: Uint8Array, width: number, height: number, outHeight: number): Uint8Array {
  const { kernelSize, starts, counts, weights } = computeCoefficients(height, outHeight);
  const out = new Uint8Array(width * outHeight * 3);
  for (let y = 0; y < outHeight; y++) {
    const first = starts[y]!;
    const count = counts[y]!;
    const base = y * kernelSize;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 1 << (precisionBits - 1);
        for (let k = 0; k < count; k++) sum += rgb[((first + k) * width + x) * 3 + c]! * weights[base + k]!;
        out[(y * width + x) * 3 + c] = clip8(sum);
      }
    }
  }
  return out;
}

function dropAlpha(image: PixelImage): Uint8Array {
  if (image.channels === 3) return Uint8Array.from(image.data);
  const out = new Uint8Array(image.width * image.height * 3);
  for (let i = 0, j = 0; j < out.length; i += 4, j += 3) {
    out[j] = image.data[i]!;
    out[j + 1] = image.data[i + 1]!;
    out[j + 2] = image.data[i + 2]!;
  }
  return out;
}

/**
 * Resizes to outWidth x outHeight as Pillow's BICUBIC does, aspect ratio not
 * kept, and returns RGB bytes. Alpha is dropped without compositing, as
 * `img.convert("RGB")` does.
 */
export function resizeBicubicLikePillow(image: PixelImage, outWidth: number, outHeight: number): Uint8Array {
  // Pillow skips a pass whose size does not change.
  const horizontal = image.width === outWidth ? dropAlpha(image) : resizeHorizontally(image, outWidth);
  return image.height === outHeight ? horizontal : resizeVertically(horizontal, outWidth, image.height, outHeight);
}
