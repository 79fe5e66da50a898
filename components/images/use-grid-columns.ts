"use client";

import { type RefObject, useEffect, useState } from "react";

/** How many tiles of a width fit across an element, kept up to date as it resizes. */
export function useGridColumns(
  element: RefObject<HTMLElement | null>,
  tileWidth: number,
  gap: number,
  initialWidth = 900,
): number {
  const [width, setWidth] = useState(initialWidth);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return Math.max(1, Math.floor((width + gap) / (tileWidth + gap)));
}
