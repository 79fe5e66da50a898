import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ImageSource } from "../lib/preferthinker/request-builder";

/** Media types by file signature: the content decides, never the name. */
const signatures: { mediaType: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { mediaType: "image/png", matches: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mediaType: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: "image/gif", matches: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
  {
    mediaType: "image/webp",
    matches: (b) =>
      String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP",
  },
  { mediaType: "image/avif", matches: (b) => String.fromCharCode(...b.subarray(4, 12)).startsWith("ftypavi") },
];

/** An image of the benchmark folder as bytes (sent as a data URL), or as a URL under `urlBase`. */
export function loadBenchmarkImage(imagesDir: string, relativePath: string, urlBase?: string): ImageSource {
  if (urlBase) return { url: new URL(relativePath, urlBase.endsWith("/") ? urlBase : `${urlBase}/`).toString() };
  const path = resolve(imagesDir, relativePath);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    throw new Error(`image ${relativePath} not found in ${imagesDir}`);
  }
  const mediaType = signatures.find((signature) => signature.matches(bytes))?.mediaType;
  if (!mediaType) throw new Error(`${relativePath} is not a PNG, JPEG, GIF, WebP or AVIF image`);
  return { bytes, mediaType };
}
