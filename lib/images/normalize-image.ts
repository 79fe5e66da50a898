import "server-only";
import sharp from "sharp";
import { AppError } from "@/lib/errors";

/**
 * The copies the app uses: upright (EXIF orientation applied), sRGB, 8-bit,
 * alpha flattened onto white (the model sees no transparency), first frame
 * of an animation, every metadata field dropped (no location leaks).
 */
export const normalizedLongSide = 2048;
export const thumbnailLongSide = 320;

export type NormalizedImage = { normalized: Buffer; thumbnail: Buffer; width: number; height: number };

export async function normalizeImage(path: string, limits: { maxPixels: number }): Promise<NormalizedImage> {
  try {
    // failOn "warning": a truncated or corrupt file is refused, not half-decoded.
    const upright = sharp(path, { failOn: "warning", limitInputPixels: limits.maxPixels, pages: 1 })
      .autoOrient()
      .toColourspace("srgb")
      .flatten({ background: "#ffffff" });
    const { data: normalized, info } = await upright
      .clone()
      .resize({ width: normalizedLongSide, height: normalizedLongSide, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    // The thumbnail comes from the normalised copy: one full decode per upload.
    const thumbnail = await sharp(normalized)
      .resize({ width: thumbnailLongSide, height: thumbnailLongSide, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { normalized, thumbnail, width: info.width, height: info.height };
  } catch (error) {
    // sharp's own words (libvips internals such as "VipsJpeg: Premature end of input file") stay in the cause, for the log, not the person.
    throw new AppError(
      "unprocessable",
      "The image could not be decoded: it looks truncated or damaged. Upload an intact JPEG, PNG, WebP, AVIF or GIF file.",
      { cause: error },
    );
  }
}
