import { Readable } from "node:stream";
import parseRange from "range-parser";
import { z } from "zod";
import { canReachOwnedBy } from "@/lib/auth/policy";
import { getImage } from "@/lib/db/images";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { notFoundUnless } from "@/lib/http/row-id";
import { getImageLibrary } from "@/lib/images/image-library";
import type { ByteRange, ImageVariant } from "@/lib/images/image-store";

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
 * One byte range may be asked for (`Range: bytes=…`, with `If-Range` on the
 * ETag): 206 with that part, or 416 when it lies outside the file; several
 * ranges at once get the whole file.
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
    const store = getImageLibrary().store;
    const missing = () => new AppError("internal", `Stored files of image ${image.id} are missing.`);
    const range = await requestedRange(request, etag, () => store.size(image.sha256, variant));
    if (range === "missing") throw missing();
    if (range?.kind === "unsatisfiable")
      return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${range.size}` } });
    const part = range?.kind === "part" ? range : undefined;
    const file = await store.read(image.sha256, variant, part);
    if (!file) throw missing();
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      status: part ? 206 : 200,
      headers: {
        ...headers,
        "Accept-Ranges": "bytes",
        "Content-Length": String(file.bytes),
        ...(part ? { "Content-Range": `bytes ${part.start}-${part.end}/${part.size}` } : {}),
      },
    });
  },
);

/**
 * The one range a request asks for, if it asks for exactly one that still
 * applies (no If-Range, or one naming this ETag); the file's size is read only
 * then. Malformed or multiple ranges mean the whole file, as RFC 9110 allows.
 */
async function requestedRange(
  request: Request,
  etag: string,
  sizeOf: () => Promise<number | null>,
): Promise<
  ({ kind: "part"; size: number } & ByteRange) | { kind: "unsatisfiable"; size: number } | "missing" | undefined
> {
  const header = request.headers.get("range");
  const ifRange = request.headers.get("if-range");
  if (!header || (ifRange !== null && ifRange !== etag)) return undefined;
  const size = await sizeOf();
  if (size === null) return "missing";
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return { kind: "unsatisfiable", size };
  if (ranges === -2 || ranges.type !== "bytes" || ranges.length !== 1) return undefined;
  return { kind: "part", size, start: ranges[0]!.start, end: ranges[0]!.end };
}
