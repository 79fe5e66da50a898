import { Readable } from "node:stream";
import { z } from "zod";
import { getImage } from "@/lib/db/images";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { getImageLibrary } from "@/lib/images/image-library";
import { getReachableItem } from "@/lib/server/annotation/get-reachable-queue";

/**
 * GET /api/annotation/items/:id/images/:imageId: one of an item's pictures
 * (the normalised copy, which carries no metadata) for whoever may work on
 * or manage the item, although the picture is someone else's upload. Any
 * imageId that is not one of the item's pictures is not found, after the item.
 */
export const GET = defineRoute(
  { access: "own-data", params: { id: "annotation item", imageId: z.string() } },
  async ({ params, database, actor }) => {
    const item = await getReachableItem(database, actor, params.id, "either");
    const isItemPicture = [...item.preferredImageIds, ...item.nonPreferredImageIds, ...item.candidateImageIds].includes(
      params.imageId,
    );
    const image = isItemPicture ? await getImage(database, params.imageId) : null;
    if (!image) throw new AppError("not_found", "No such picture in this item.");
    const file = await getImageLibrary().store.read(image.sha256, "normalized");
    if (!file) throw new AppError("not_found", "The picture is no longer stored.");
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "Content-Type": "image/jpeg",
        "Content-Length": String(file.bytes),
        "Cache-Control": "private, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
