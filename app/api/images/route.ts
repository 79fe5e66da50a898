import { getConfig } from "@/lib/config";
import {
  countLibraryImages,
  findLibraryImages,
  findLibraryImagesById,
  getLibraryCursor,
  type LibraryCursor,
} from "@/lib/db/images";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import {
  libraryQuerySchema,
  uploadFailedResponseSchema,
  uploadResponseSchema,
  imagePageSchema,
} from "@/lib/images/image-contract";
import { toImageJson } from "@/lib/images/image-json";
import { getImageLibrary, ingestFiles } from "@/lib/images/image-library";
import { receiveFiles } from "@/lib/images/read-multipart";
import { jsonResponse } from "@/lib/http/json-response";

const maxFilesPerRequest = 100;

/**
 * POST /api/images (multipart, files in any field): 201 with one result per
 * file, an image or an error. When every file fails, the answer takes the
 * first file's error status (415, 413, 422) so a single upload reads simply.
 */
export const POST = defineRoute({ access: "own-data" }, async ({ request, database, actor }) => {
  const received = await receiveFiles(request, {
    maxBytes: getConfig().images.maxBytes,
    maxFiles: maxFilesPerRequest,
    temporaryPath: () => getImageLibrary().store.temporaryPath(),
  });
  const results = await ingestFiles(database, actor.userId, received, "upload");
  const files = results.map((result) =>
    "error" in result
      ? { name: result.name, error: { code: result.error.code, message: result.error.publicMessage } }
      : { name: result.name, image: { ...toImageJson(result.image), isDuplicate: result.isDuplicate } },
  );
  const firstError = results.find((result) => "error" in result);
  if (firstError && "error" in firstError && results.every((result) => "error" in result)) {
    return jsonResponse(
      uploadFailedResponseSchema,
      { error: { code: firstError.error.code, message: firstError.error.publicMessage }, files },
      { status: firstError.error.status },
    );
  }
  return jsonResponse(uploadResponseSchema, { files }, { status: 201 });
});

/**
 * GET /api/images?limit=100&after=<id>&source=upload|demo&name=…&addedFrom=…&addedBefore=…:
 * the caller's library, their uploads first, newest first; pictures that
 * came with a benchmark are never listed. `?ids=a,b` looks up those of the
 * caller's library images instead (no paging).
 */
export const GET = defineRoute(
  { access: "own-data", query: libraryQuerySchema },
  async ({ query, database, actor }) => {
    const headers = { "Cache-Control": "no-store" };
    if (query.ids) {
      const images = await findLibraryImagesById(database, actor.userId, query.ids);
      return jsonResponse(
        imagePageSchema,
        {
          images: images.map(toImageJson),
          total: images.length,
          libraryTotal: await countLibraryImages(database, actor.userId),
        },
        { headers },
      );
    }
    let after: LibraryCursor | undefined;
    if (query.after) {
      const cursor = await getLibraryCursor(database, actor.userId, query.after);
      if (!cursor) throw new AppError("bad_request", "after: must be the id of one of your images");
      after = cursor;
    }
    const filter = {
      source: query.source,
      name: query.name || undefined,
      addedFrom: query.addedFrom,
      addedBefore: query.addedBefore,
    };
    const isFiltered = Object.values(filter).some((value) => value !== undefined);
    const [images, total, libraryTotal] = await Promise.all([
      findLibraryImages(database, actor.userId, { limit: query.limit, after, filter }),
      countLibraryImages(database, actor.userId, filter),
      isFiltered ? countLibraryImages(database, actor.userId) : null,
    ]);
    return jsonResponse(
      imagePageSchema,
      { images: images.map(toImageJson), total, libraryTotal: libraryTotal ?? total },
      { headers },
    );
  },
);
