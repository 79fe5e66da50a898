import type { ModelManifest } from "./model-manifest";
import { type PixelImage, resizeBicubicLikePillow } from "./pil-bicubic-resize";

/**
 * DreamSim's pre-processing: bicubic resize to size x size (no crop, aspect
 * not kept, Pillow's algorithm), scale to [0,1] (ToTensor), then the branch's
 * mean and std unless the model normalises by itself. Returns a CHW float32
 * tensor's data for one image.
 */
export function preprocessImage(image: PixelImage, input: ModelManifest["input"]): Float32Array {
  const { size, normalization } = input;
  const rgb = resizeBicubicLikePillow(image, size, size);
  return rgbToInputTensor(rgb, size, normalization);
}

/** HWC 8-bit RGB to CHW float32: x / 255, then (x - mean) / std per channel. */
export function rgbToInputTensor(
  rgb: Uint8Array,
  size: number,
  normalization: ModelManifest["input"]["normalization"],
): Float32Array {
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const mean = normalization ? normalization.mean[c]! : 0;
    const std = normalization ? normalization.std[c]! : 1;
    for (let i = 0; i < plane; i++) out[c * plane + i] = (rgb[i * 3 + c]! / 255 - mean) / std;
  }
  return out;
}
