import { Readable } from "node:stream";
import { canReachOwnedBy } from "@/lib/auth/policy";
import { route } from "@/lib/auth/route";
import { getImage } from "@/lib/db/images";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";
import { getImageLibrary } from "@/lib/images/image-library";
import type { ImageVariant } from "@/lib/images/image-store";

const contentTypes: Record<string, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};

/**
 * GET /api/images/:id/{original|normalized|thumb}: the owner's (or an
 * admin's) image file. The original keeps its metadata (location included),
 * so only its owner gets it; the copies carry none. Content never changes
 * for an id, so it is cached for good, privately, and revalidated by its hash.
 */
export const GET = route<"own-data", { id: string; variant: string }>(
  "own-data",
  async ({ request, params, database, actor }) => {
    const variant = params.variant as ImageVariant;
    if (!["original", "normalized", "thumb"].includes(variant))
      throw new AppError("not_found", "Images come as original, normalized or thumb.");
    const image = isUuid(params.id) ? await getImage(database, params.id) : null;
    const canRead =
      image && (variant === "original" ? image.ownerId === actor.userId : canReachOwnedBy(actor, image.ownerId));
    if (!image || !canRead) throw new AppError("not_found", "No such image.");
    const etag = `"${image.sha256}-${variant}"`;
    const headers = {
      ETag: etag,
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Type":
        variant === "original"
          ? (contentTypes[image.format] ?? "application/octet-stream")
          : variant === "thumb"
            ? "image/webp"
            : "image/jpeg",
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    const file = await getImageLibrary().store.read(image.sha256, variant);
    if (!file) throw new AppError("internal", `Stored files of image ${image.id} are missing.`);
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: { ...headers, "Content-Length": String(file.bytes) },
    });
  },
);
