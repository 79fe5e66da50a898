import "server-only";
import { boxBlur, gradients, halve, type Plane, toLuma } from "./gray-plane";

/**
 * What the baseline measures in one image, grouped by the attribute each
 * number speaks to. All values are unit-free and roughly 0..1, computed on a
 * small copy (ANALYSIS_SIZE), so the same picture at another resolution
 * measures about the same.
 */

export const ANALYSIS_SIZE = 128;

export type ImageFeatures = {
  saturation: {
    /** Mean HSV saturation of pixels that are not near black. */
    meanSaturation: number;
    /** 90th percentile of the same. */
    highSaturation: number;
  };
  color: {
    /** Chroma-weighted circular mean hue, in degrees 0..360, or null for a neutral image. */
    hue: number | null;
    /** How concentrated the hues are around that mean (0 spread out, 1 one hue). */
    hueConcentration: number;
    /** Share of pixels with noticeable chroma. */
    colorfulShare: number;
    meanLightness: number;
  };
  detail: {
    /** Share of edge pixels at half and quarter size (after smoothing, so grain does not count). */
    edgeDensityHalf: number;
    edgeDensityQuarter: number;
  };
  medium: {
    /** Share of pixels in perfectly flat areas. */
    flatShare: number;
    /** Share of pixels on gentle slopes: gradients and soft shading. */
    smoothShare: number;
    /** Pixel-level noise: mean distance from a 3×3 local mean. */
    grain: number;
    /** Among strong edges, the share running horizontally or vertically (pixel blocks). */
    axisShare: number;
    /** Among strong edges, the share running diagonally (hatching). */
    diagonalShare: number;
    /** Share of pixels covered by the eight most common colours (coarsely quantised). */
    paletteShare: number;
    /** Share of strong-edge pixels at full size. */
    fineEdgeDensity: number;
    /** Among pixels that change at all, the share that change gently: shading and soft edges rather than hard ones. */
    softness: number;
  };
  style: {
    /** Edge orientations at quarter size in eight bins, weighted by strength, summing to 1. */
    orientations: number[];
    /** Largest bin: one direction everywhere reads as stripes. */
    dominantOrientation: number;
    /** Normalised entropy of the bins: near 1 when edges run every way. */
    orientationEntropy: number;
    /** Within small tiles, how much the edges share one direction: high for straight sides, lower for curves. */
    straightness: number;
  };
};

const strongEdge = 0.06;

function rgbStatistics(rgb: Uint8Array, pixels: number) {
  const saturations = new Float32Array(pixels);
  let saturationCount = 0;
  let hueX = 0;
  let hueY = 0;
  let chromaWeight = 0;
  let colorful = 0;
  let lightness = 0;
  const paletteCounts = new Uint32Array(512);
  for (let index = 0; index < pixels; index++) {
    const r = rgb[index * 3]! / 255;
    const g = rgb[index * 3 + 1]! / 255;
    const b = rgb[index * 3 + 2]! / 255;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const chroma = max - min;
    lightness += (max + min) / 2;
    if (max > 0.15) saturations[saturationCount++] = chroma / max;
    if (chroma > 0.08) {
      colorful++;
      let hue: number;
      if (max === r) hue = ((g - b) / chroma + 6) % 6;
      else if (max === g) hue = (b - r) / chroma + 2;
      else hue = (r - g) / chroma + 4;
      const radians = (hue / 6) * 2 * Math.PI;
      hueX += chroma * Math.cos(radians);
      hueY += chroma * Math.sin(radians);
      chromaWeight += chroma;
    }
    const key = (rgb[index * 3]! >> 5) * 64 + (rgb[index * 3 + 1]! >> 5) * 8 + (rgb[index * 3 + 2]! >> 5);
    paletteCounts[key]!++;
  }
  const measured = saturations.subarray(0, saturationCount).sort();
  const meanSaturation = saturationCount ? measured.reduce((sum, value) => sum + value, 0) / saturationCount : 0;
  const highSaturation = saturationCount ? measured[Math.floor(saturationCount * 0.9)]! : 0;
  const concentration = chromaWeight > 0 ? Math.hypot(hueX, hueY) / chromaWeight : 0;
  const colorfulShare = colorful / pixels;
  let hue: number | null = null;
  if (colorfulShare >= 0.03) hue = ((Math.atan2(hueY, hueX) * 180) / Math.PI + 360) % 360;
  const topColours = [...paletteCounts].sort((a, b) => b - a).slice(0, 8);
  return {
    saturation: { meanSaturation, highSaturation },
    color: { hue, hueConcentration: concentration, colorfulShare, meanLightness: lightness / pixels },
    paletteShare: topColours.reduce((sum, count) => sum + count, 0) / pixels,
  };
}

const isNear = (angle: number, target: number, tolerance: number) => {
  const difference = Math.abs(angle - target) % Math.PI;
  return Math.min(difference, Math.PI - difference) <= tolerance;
};

function textureStatistics(luma: Plane) {
  const { magnitude, angle } = gradients(luma);
  const smooth = boxBlur(luma, 1);
  let flat = 0;
  let gentle = 0;
  let strong = 0;
  let axis = 0;
  let diagonal = 0;
  let grain = 0;
  let interior = 0;
  let changing = 0;
  let soft = 0;
  const tolerance = (10 * Math.PI) / 180;
  for (let y = 1; y < luma.height - 1; y++) {
    for (let x = 1; x < luma.width - 1; x++) {
      const index = y * luma.width + x;
      interior++;
      grain += Math.abs(luma.data[index]! - smooth.data[index]!);
      const value = magnitude[index]!;
      if (value < 0.002) flat++;
      else if (value < 0.03) gentle++;
      if (value >= 0.008) {
        changing++;
        if (value < 0.05) soft++;
      }
      if (value >= strongEdge) {
        strong++;
        if (isNear(angle[index]!, 0, tolerance) || isNear(angle[index]!, Math.PI / 2, tolerance)) axis++;
        if (isNear(angle[index]!, Math.PI / 4, tolerance) || isNear(angle[index]!, (3 * Math.PI) / 4, tolerance))
          diagonal++;
      }
    }
  }
  return {
    flatShare: flat / interior,
    smoothShare: gentle / interior,
    grain: grain / interior,
    axisShare: strong ? axis / strong : 0,
    diagonalShare: strong ? diagonal / strong : 0,
    fineEdgeDensity: strong / interior,
    softness: changing ? soft / changing : 0,
  };
}

function edgeDensity(plane: Plane, threshold: number): number {
  const { magnitude } = gradients(plane);
  let count = 0;
  for (const value of magnitude) if (value >= threshold) count++;
  return count / Math.max(1, (plane.width - 2) * (plane.height - 2));
}

function orientationStatistics(plane: Plane) {
  const { magnitude, angle } = gradients(plane);
  const bins = new Array<number>(8).fill(0);
  let total = 0;
  for (let index = 0; index < magnitude.length; index++) {
    const weight = magnitude[index]!;
    if (weight < 0.02) continue;
    bins[Math.min(7, Math.floor((angle[index]! / Math.PI) * 8))]! += weight;
    total += weight;
  }
  const orientations = bins.map((value) => (total > 0 ? value / total : 1 / 8));
  const entropy =
    -orientations.reduce((sum, share) => sum + (share > 0 ? share * Math.log(share) : 0), 0) / Math.log(8);
  return { orientations, dominantOrientation: Math.max(...orientations), orientationEntropy: entropy };
}

/**
 * Share of edge pixels whose edge runs on unchanged a few pixels further
 * along itself: near 1 for straight sides, lower for curves (a circle of
 * radius r turns by step/r radians over `step` pixels).
 */
function straightnessOf(plane: Plane): number {
  const { magnitude, angle } = gradients(plane);
  const step = 5;
  const tolerance = (6 * Math.PI) / 180;
  let straight = 0;
  let pairs = 0;
  for (let y = step; y < plane.height - step; y += 2) {
    for (let x = step; x < plane.width - step; x += 2) {
      const index = y * plane.width + x;
      if (magnitude[index]! < 0.05) continue;
      const theta = angle[index]!;
      // The edge runs across its gradient.
      const [tx, ty] = [-Math.sin(theta), Math.cos(theta)];
      for (const direction of [1, -1]) {
        const other = Math.round(y + direction * step * ty) * plane.width + Math.round(x + direction * step * tx);
        if (magnitude[other]! < 0.03) continue;
        pairs++;
        if (isNear(angle[other]!, theta, tolerance)) straight++;
      }
    }
  }
  return pairs ? straight / pairs : 0;
}

/** Measures interleaved 8-bit RGB of `width × height` pixels (ideally ANALYSIS_SIZE square). */
export function measureImageFeatures(rgb: Uint8Array, width: number, height: number): ImageFeatures {
  const colour = rgbStatistics(rgb, width * height);
  const luma = toLuma(rgb, width, height);
  const texture = textureStatistics(luma);
  const half = boxBlur(halve(luma), 1);
  const quarter = boxBlur(halve(half), 1);
  return {
    saturation: colour.saturation,
    color: colour.color,
    detail: { edgeDensityHalf: edgeDensity(half, 0.03), edgeDensityQuarter: edgeDensity(quarter, 0.03) },
    medium: { ...texture, paletteShare: colour.paletteShare },
    style: { ...orientationStatistics(quarter), straightness: straightnessOf(boxBlur(luma, 1)) },
  };
}
