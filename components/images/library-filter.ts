import type { LibraryFilterInput, LibrarySourceName } from "@/lib/images/image-contract";

/** What a person sets in a library filter bar; `day` is a local calendar day (YYYY-MM-DD) from a date input. */
export type LibraryFilterState = { name: string; source: LibrarySourceName | ""; day: string };

export const emptyLibraryFilter: LibraryFilterState = { name: "", source: "", day: "" };

export const isFilterEmpty = (filter: LibraryFilterState) => !filter.name.trim() && !filter.source && !filter.day;

/**
 * The API's filter for a filter bar's state. A day is the person's own
 * calendar day: from its local midnight to the next, sent as instants, so
 * "added on 3 December" means what the person's clock said.
 */
export function toLibraryQuery(filter: LibraryFilterState): LibraryFilterInput {
  const query: LibraryFilterInput = {};
  if (filter.name.trim()) query.name = filter.name.trim();
  if (filter.source) query.source = filter.source;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(filter.day);
  if (day) {
    const start = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    const end = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1);
    query.addedFrom = start.toISOString();
    query.addedBefore = end.toISOString();
  }
  return query;
}
