"use client";

import { useEffect, useSyncExternalStore } from "react";
import { pendingTasteAnswers, tasteOutboxEvent } from "./taste-answer-outbox";

function subscribe(onChange: () => void) {
  window.addEventListener(tasteOutboxEvent, onChange);
  // Another tab's outbox changes arrive as storage events.
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(tasteOutboxEvent, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** How many of the quiz's answers wait in this browser's outbox. */
export function useWaitingTasteAnswers(sessionId: string): number {
  return useSyncExternalStore(
    subscribe,
    () => pendingTasteAnswers(sessionId).length,
    () => 0,
  );
}

/**
 * Loads the pool's pictures at low priority once the quiz is under way, so
 * pairs drawn while offline still show (the picture routes are cached for a
 * year), and every pair appears at once.
 */
export function usePreloadedPictures(imageIds: readonly string[]) {
  useEffect(() => {
    const images = imageIds.map((id) => {
      const image = new Image();
      image.fetchPriority = "low";
      image.decoding = "async";
      image.src = `/api/images/${id}/normalized`;
      return image;
    });
    return () => {
      // Leaving the quiz stops what has not loaded yet.
      for (const image of images) if (!image.complete) image.src = "";
    };
  }, [imageIds]);
}
