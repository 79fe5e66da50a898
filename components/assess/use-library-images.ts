"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { callApi } from "@/lib/http/api-client";
import { type ImageJson, imagePageSchema } from "@/lib/images/image-api";

const pageSize = 500;

/** The person's image library (shared with the gallery's cache), and a lookup by id. */
export function useLibraryImages() {
  const query = useInfiniteQuery({
    queryKey: ["images"],
    queryFn: ({ pageParam }) => callApi(`/api/images?limit=${pageSize}${pageParam ? `&before=${pageParam}` : ""}`, { schema: imagePageSchema }),
    initialPageParam: "",
    getNextPageParam: (last) => (last.images.length === pageSize ? last.images.at(-1)!.id : undefined),
  });
  const images = useMemo(() => query.data?.pages.flatMap((page) => page.images) ?? [], [query.data]);
  const byId = useMemo(() => new Map<string, ImageJson>(images.map((image) => [image.id, image])), [images]);
  return { query, images, byId };
}
