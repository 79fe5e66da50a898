import { readJsonBody, route } from "@/lib/auth/route";
import { removeFromLibrary } from "@/lib/db/image-removal";
import { imageRemovalSchema } from "@/lib/images/image-contract";

/**
 * POST /api/images/removals {imageIds}: takes the caller's images out of
 * their library and their reference sets. Images that stored assessments,
 * benchmark samples or annotation items use stay for that work (and still
 * show there); the others are deleted. 200 with how many went each way; ids
 * that are not in the caller's library are ignored, so a repeat changes nothing.
 */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const { imageIds } = await readJsonBody(request, imageRemovalSchema);
  const removal = await removeFromLibrary(database, actor.userId, imageIds);
  return Response.json({ deleted: removal.deleted.length, keptForStoredWork: removal.keptForStoredWork.length });
});
