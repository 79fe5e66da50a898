import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { storedList } from "./stored-list";

/** The browser's storage and window, as the outboxes use them, in memory. */
const stored = new Map<string, string>();
const events: string[] = [];
const globals = globalThis as Record<string, unknown>;

beforeEach(() => {
  stored.clear();
  events.length = 0;
  globals.localStorage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
  };
  globals.window = { dispatchEvent: (event: Event) => void events.push(event.type) };
});
afterEach(() => {
  delete globals.localStorage;
  delete globals.window;
});

const list = storedList("outbox", "outbox-changed", z.object({ key: z.string(), at: z.number() }));

describe("a list kept in the browser", () => {
  it("reads back what it wrote, and tells the page", () => {
    list.write([{ key: "a", at: 1 }]);
    expect(list.read()).toEqual([{ key: "a", at: 1 }]);
    expect(events).toEqual(["outbox-changed"]);
  });

  it("drops entries that do not fit, keeping the others, and reads nothing from unreadable storage", () => {
    stored.set("outbox", JSON.stringify([{ key: "a", at: 1 }, { key: 2 }, "junk", { key: "b", at: 2 }]));
    expect(list.read()).toEqual([
      { key: "a", at: 1 },
      { key: "b", at: 2 },
    ]);
    stored.set("outbox", "{not json");
    expect(list.read()).toEqual([]);
    stored.set("outbox", JSON.stringify({ key: "a", at: 1 }));
    expect(list.read()).toEqual([]);
  });
});
