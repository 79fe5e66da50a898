"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { AssessmentListItem } from "@/lib/assessments/assessment-contract";
import { AssessmentRow } from "./AssessmentRow";

const estimatedRowHeight = 104;
const rowGap = 8;

/**
 * The assessments as a virtualised list: only the rows in view (and a few
 * beyond, so the keyboard can tab on) are in the page, each measured as it
 * renders; the next page loads as the last rows come into view.
 */
export function AssessmentList({
  assessments,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  assessments: AssessmentListItem[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the React Compiler is off; the virtualiser re-renders this component on scroll itself
  const rows = useVirtualizer({
    count: assessments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedRowHeight + rowGap,
    getItemKey: (index) => assessments[index]?.id ?? index,
    overscan: 5,
  });
  const virtualRows = rows.getVirtualItems();

  const lastIndex = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= assessments.length - 5 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastIndex, assessments.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div ref={scrollRef} className="h-[70vh] overflow-y-auto rounded-xl" data-testid="history-scroller">
      <ul
        role="list"
        aria-label="Your assessments, newest first"
        style={{ height: rows.getTotalSize(), position: "relative" }}
      >
        {virtualRows.map((row) => {
          const assessment = assessments[row.index];
          if (!assessment) return null;
          return (
            <li
              key={row.key}
              ref={rows.measureElement}
              data-index={row.index}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
                paddingBottom: rowGap,
              }}
            >
              <AssessmentRow assessment={assessment} />
            </li>
          );
        })}
      </ul>
      <p className="py-2 text-center text-xs text-slate-500" aria-live="polite">
        {isFetchingNextPage ? "Loading more…" : hasNextPage ? "" : assessments.length > 0 ? "That is all of them." : ""}
      </p>
    </div>
  );
}
