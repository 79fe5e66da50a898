"use client";

import { useEffect } from "react";

type PagedQuery = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): Promise<unknown> };

/** Asks for a virtualised grid's next page as its last rows come into view (within three rows of the end). */
export function useLoadMoreAtEnd(lastVisibleRow: number, rowCount: number, query: PagedQuery): void {
  useEffect(() => {
    if (lastVisibleRow >= rowCount - 3 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [lastVisibleRow, rowCount, query]);
}
