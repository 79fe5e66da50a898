import { describe, expect, it } from "vitest";
import { toLibraryQuery } from "./library-filter";

describe("a library filter bar's query", () => {
  it("sends nothing for an empty filter, and trims the name", () => {
    expect(toLibraryQuery({ name: "  ", source: "", day: "" })).toEqual({});
    expect(toLibraryQuery({ name: " beach ", source: "upload", day: "" })).toEqual({ name: "beach", source: "upload" });
  });

  it("turns a calendar day into the instants of its local midnights, 24 hours apart on an ordinary day", () => {
    const query = toLibraryQuery({ name: "", source: "", day: "2026-03-10" });
    const from = new Date(query.addedFrom!);
    const before = new Date(query.addedBefore!);
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours(), from.getMinutes()]).toEqual([
      2026, 2, 10, 0, 0,
    ]);
    expect([before.getDate(), before.getHours()]).toEqual([11, 0]);
    expect(before.getTime() - from.getTime()).toBeGreaterThanOrEqual(23 * 3600 * 1000);
  });

  it("ignores a day that is not a date", () => {
    expect(toLibraryQuery({ name: "", source: "", day: "yesterday" })).toEqual({});
  });
});
