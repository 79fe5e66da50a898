import { Readable } from "node:stream";
import { z } from "zod";
import { canReachOwnedBy } from "@/lib/auth/policy";
import { getImage } from "@/lib/db/images";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { notFoundUnless } from "@/lib/http/row-id";
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
export const GET = defineRoute(
  {
    access: "own-data",
    // The variant is checked first: an unknown one is not found, whatever the id.
    params: {
      variant: notFoundUnless(
        z.enum(["original", "normalized", "thumb"] satisfies ImageVariant[]),
        "Images come as original, normalized or thumb.",
      ),
      id: "image",
    },
  },
  async ({ request, params: { id, variant }, database, actor }) => {
    const image = await getImage(database, id);
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
