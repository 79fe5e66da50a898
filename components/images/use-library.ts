"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type ImageJson, type LibraryFilterInput, maxIdsPerLookup } from "@/lib/images/image-contract";
import { imagesByIdQueryOptions, libraryPagesQueryOptions } from "./image-queries";

/**
 * The person's library as the server orders it (their uploads first, newest
 * first), narrowed by a filter, a page at a time. The gallery and the assess
 * picker share it; an upload or a removal refreshes both (imageKeys.all).
 */
export function useLibrary(filter: LibraryFilterInput) {
  const query = useInfiniteQuery({
    ...libraryPagesQueryOptions(filter),
    // A new filter keeps showing the old tiles until its first page lands, rather than flashing empty.
    placeholderData: keepPreviousData,
  });
  const images = useMemo(() => query.data?.pages.flatMap((page) => page.images) ?? [], [query.data]);
  const first = query.data?.pages[0];
  return { query, images, total: first?.total ?? 0, libraryTotal: first?.libraryTotal ?? 0 };
}

/**
 * The library images with these ids, by id, whatever page or filter shows:
 * what the columns and candidate slots need for names. An id that is not in
 * the library (removed since, as a stored assessment may hold) is absent.
 */
export function useImagesById(ids: string[]): { byId: Map<string, ImageJson>; isSettled: boolean } {
  const wanted = useMemo(() => [...new Set(ids)].sort().slice(0, maxIdsPerLookup), [ids]);
  const query = useQuery({
    ...imagesByIdQueryOptions(wanted),
    enabled: wanted.length > 0,
    placeholderData: keepPreviousData,
  });
  const byId = useMemo(() => new Map((query.data?.images ?? []).map((image) => [image.id, image])), [query.data]);
  // Settled: the answer is for exactly these ids, so an id missing from it is not in the library.
  return { byId, isSettled: wanted.length === 0 || (query.isSuccess && !query.isPlaceholderData) };
}
