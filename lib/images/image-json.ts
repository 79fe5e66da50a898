import "server-only";
import type { ImageRecord } from "@/lib/db/images";
import type { ImageJson } from "./image-contract";

/** An image as the API shows it. */
export function toImageJson(image: ImageRecord): ImageJson {
  const base = `/api/images/${image.id}`;
  return {
    id: image.id,
    sha256: image.sha256,
    width: image.width,
    height: image.height,
    format: image.format,
    bytes: image.bytes,
    name: image.originalName,
    createdAt: image.createdAt.toISOString(),
    source: image.librarySource,
    addedAt: image.addedToLibraryAt?.toISOString() ?? null,
    url: `${base}/normalized`,
    originalUrl: `${base}/original`,
    thumbnailUrl: `${base}/thumb`,
  };
}
