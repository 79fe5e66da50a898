import "server-only";
import { open } from "node:fs/promises";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors";

/**
 * Decides what an uploaded file is from its content alone, reading only its
 * header first: the format must be on the allow-list (sharp also decodes
 * SVG, PDF and more, which we refuse), and the declared pixel count must be
 * within the limit before anything is decoded, so a small file declaring a
 * huge image costs nothing.
 */

export const allowedFormats = ["jpeg", "png", "webp", "avif", "gif"] as const;
export type ImageFormat = (typeof allowedFormats)[number];
export const allowedText = "JPEG, PNG, WebP, AVIF or GIF";

export type InspectedImage = { format: ImageFormat; width: number; height: number; pages: number };

function formatOf(metadata: Metadata): ImageFormat | null {
  // libheif reports AVIF as "heif" with AV1 compression; HEIC (HEVC) is not allowed.
  if (metadata.format === "heif") return metadata.compression === "av1" ? "avif" : null;
  return (allowedFormats as readonly string[]).includes(metadata.format ?? "")
    ? (metadata.format as ImageFormat)
    : null;
}

/** Whether the first bytes are those of an allowed format: then a failure to read it means damage, not the wrong kind of file. */
async function hasImageSignature(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(16);
    await file.read(head, 0, 16, 0);
    const ascii = head.toString("latin1");
    return (
      (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
      ascii.startsWith("\x89PNG") ||
      ascii.startsWith("GIF8") ||
      (ascii.startsWith("RIFF") && ascii.slice(8, 12) === "WEBP") ||
      /^ftypavi[fs]/.test(ascii.slice(4, 12))
    );
  } finally {
    await file.close();
  }
}

export async function inspectImage(path: string, limits: { maxPixels: number }): Promise<InspectedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(path, { limitInputPixels: false }).metadata();
  } catch {
    if (await hasImageSignature(path)) {
      throw new AppError(
        "unprocessable",
        `This image is truncated or damaged: its header cannot be read. Upload an intact ${allowedText} file.`,
      );
    }
    throw new AppError(
      "unsupported_media_type",
      `This file is not an image we can read. Upload a ${allowedText} file.`,
    );
  }
  const format = formatOf(metadata);
  if (!format) {
    const detected = metadata.format === "heif" ? "HEIC" : (metadata.format ?? "unknown").toUpperCase();
    throw new AppError("unsupported_media_type", `${detected} files are not accepted. Upload a ${allowedText} file.`);
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width < 1 || height < 1)
    throw new AppError(
      "unprocessable",
      `The image declares no size: it is damaged. Upload an intact ${allowedText} file.`,
    );
  if (width * height > limits.maxPixels) {
    throw new AppError(
      "unprocessable",
      `The image is ${width} x ${height} pixels (${((width * height) / 1e6).toFixed(1)} megapixels); the limit is ${(limits.maxPixels / 1e6).toFixed(0)} megapixels.`,
    );
  }
  // Orientations 5-8 turn the picture a quarter: report it as it will be stored, upright.
  const isTurned = (metadata.orientation ?? 1) >= 5;
  return { format, width: isTurned ? height : width, height: isTurned ? width : height, pages: metadata.pages ?? 1 };
}
