import { removeFromLibrary } from "@/lib/db/image-removal";
import { defineRoute } from "@/lib/http/define-route";
import { imageRemovalSchema, imageRemovalResponseSchema } from "@/lib/images/image-contract";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * POST /api/images/removals {imageIds}: takes the caller's images out of
 * their library and their reference sets. Images that stored assessments,
 * benchmark samples or annotation items use stay for that work (and still
 * show there); the others are deleted. 200 with how many went each way; ids
 * that are not in the caller's library are ignored, so a repeat changes nothing.
 */
export const POST = defineRoute({ access: "own-data", body: imageRemovalSchema }, async ({ body, database, actor }) => {
  const removal = await removeFromLibrary(database, actor.userId, body.imageIds);
  return jsonResponse(imageRemovalResponseSchema, {
    deleted: removal.deleted.length,
    keptForStoredWork: removal.keptForStoredWork.length,
  });
});
