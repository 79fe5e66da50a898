import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { callApi } from "@/lib/http/api-client";
import { imagePageSchema, type LibraryFilterInput, libraryPagePath } from "@/lib/images/image-contract";

/**
 * The person's library over /api/images. Every key starts with "images", so
 * an upload or a removal refreshes the gallery and the assess picker at once.
 */
export const imageKeys = {
  all: ["images"] as const,
  library: (filter: LibraryFilterInput) => ["images", "library", filter] as const,
  byId: (ids: string[]) => ["images", "by-id", ids] as const,
};

export const libraryPageSize = 200;

/** The library as the server orders it (uploads first, newest first), narrowed by a filter, a page at a time. */
export const libraryPagesQueryOptions = (filter: LibraryFilterInput) =>
  infiniteQueryOptions({
    queryKey: imageKeys.library(filter),
    queryFn: ({ pageParam }) =>
      callApi(libraryPagePath(filter, { limit: libraryPageSize, after: pageParam || undefined }), {
        schema: imagePageSchema,
      }),
    initialPageParam: "",
    getNextPageParam: (last) => (last.images.length === libraryPageSize ? last.images.at(-1)!.id : undefined),
  });

/** The library images with these ids (at most maxIdsPerLookup), whatever page or filter shows them. */
export const imagesByIdQueryOptions = (ids: string[]) =>
  queryOptions({
    queryKey: imageKeys.byId(ids),
    queryFn: () => callApi(`/api/images?ids=${ids.join(",")}`, { schema: imagePageSchema }),
  });
