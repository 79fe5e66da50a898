"use client";

import { z } from "zod";

/**
 * A list kept in the browser's localStorage under `key`, as the outboxes
 * keep what waits for the server. What comes back from storage is checked
 * against `entry` (another version of the app, or a hand edit, may have
 * left anything there): entries that do not fit are dropped, the rest kept.
 * A write tells the page through a window event named `event`.
 */
export function storedList<Schema extends z.ZodType>(key: string, event: string, entry: Schema) {
  type Entry = z.infer<Schema>;
  return {
    read(): Entry[] {
      let stored: unknown;
      try {
        stored = JSON.parse(localStorage.getItem(key) ?? "[]");
      } catch {
        return [];
      }
      if (!Array.isArray(stored)) return [];
      return stored.flatMap((item) => {
        const parsed = entry.safeParse(item);
        return parsed.success ? [parsed.data as Entry] : [];
      });
    },
    write(entries: Entry[]): void {
      localStorage.setItem(key, JSON.stringify(entries));
      window.dispatchEvent(new Event(event));
    },
  };
}
