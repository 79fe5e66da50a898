import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { imageInMemory, type ProviderImage } from "../lib/inference/assessment-provider";
import { inspectImage } from "../lib/images/inspect-image";
import { normalizeImage } from "../lib/images/normalize-image";

/**
 * An image file as an assessor takes it, prepared as the app prepares an
 * upload: checked by content (JPEG, PNG, WebP, AVIF or GIF only; SVG and
 * the rest refused), then normalised. The hash is that of the file's own
 * bytes, as the app keys an upload. Every failure names the file.
 */
export async function readImageFile(path: string, limits: { maxPixels: number }): Promise<ProviderImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new Error(`cannot read ${path}: ${reason}`);
  }
  try {
    await inspectImage(path, limits);
    const { normalized } = await normalizeImage(path, limits);
    return imageInMemory(createHash("sha256").update(bytes).digest("hex"), normalized);
  } catch (error) {
    // The library speaks to someone uploading; here the file is named on the command line.
    throw new Error(`${path}: ${(error as Error).message.replace(/\bUpload\b/, "Use")}`);
  }
}
