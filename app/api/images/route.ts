import { z } from "zod";
import { route } from "@/lib/auth/route";
import { getConfig } from "@/lib/config";
import { countImages, findImages, getImageCursor } from "@/lib/db/images";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";
import { toImageJson } from "@/lib/images/image-json";
import { getImageLibrary, ingestFiles } from "@/lib/images/image-library";
import { receiveFiles } from "@/lib/images/read-multipart";

const maxFilesPerRequest = 100;

/**
 * POST /api/images (multipart, files in any field): 201 with one result per
 * file, an image or an error. When every file fails, the answer takes the
 * first file's error status (415, 413, 422) so a single upload reads simply.
 */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const received = await receiveFiles(request, {
    maxBytes: getConfig().images.maxBytes,
    maxFiles: maxFilesPerRequest,
    temporaryPath: () => getImageLibrary().store.temporaryPath(),
  });
  const results = await ingestFiles(database, actor.userId, received);
  const files = results.map((result) =>
    "error" in result
      ? { name: result.name, error: { code: result.error.code, message: result.error.publicMessage } }
      : { name: result.name, image: { ...toImageJson(result.image), isDuplicate: result.isDuplicate } },
  );
  const firstError = results.find((result) => "error" in result);
  if (firstError && "error" in firstError && results.every((result) => "error" in result)) {
    return Response.json({ error: { code: firstError.error.code, message: firstError.error.publicMessage }, files }, { status: firstError.error.status });
  }
  return Response.json({ files }, { status: 201 });
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().optional(),
});

/** GET /api/images?limit=100&before=<id>: the caller's images, newest first. */
export const GET = route("own-data", async ({ request, database, actor }) => {
  const parsed = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", `limit must be a whole number from 1 to 500`);
  let before: { createdAt: Date; id: string } | undefined;
  if (parsed.data.before) {
    const cursor = isUuid(parsed.data.before) ? await getImageCursor(database, actor.userId, parsed.data.before) : null;
    if (!cursor) throw new AppError("bad_request", "before must be the id of one of your images");
    before = cursor;
  }
  const [images, total] = await Promise.all([findImages(database, actor.userId, { limit: parsed.data.limit, before }), countImages(database, actor.userId)]);
  return Response.json({ images: images.map(toImageJson), total }, { headers: { "Cache-Control": "no-store" } });
});
