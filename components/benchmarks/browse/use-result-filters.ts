"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { readResultFilters, type ResultFilters, toResultFilterQuery } from "@/lib/benchmarks/result-filters";

/**
 * The failure browser's filters, kept in the address so a link reproduces
 * the view. A change renders at once from this component's own state (an
 * urgent update), and the address follows through the History API, which
 * Next keeps in step with useSearchParams in a background transition: the
 * list does not wait for the router. When the address changes on its own
 * (back, forward, a link), the filters follow it.
 */
export function useResultFilters() {
  const searchParams = useSearchParams();
  const addressQuery = toResultFilterQuery(readResultFilters(new URLSearchParams(searchParams.toString())));
  const [view, setView] = useState(() => ({
    query: addressQuery,
    filters: readResultFilters(new URLSearchParams(addressQuery)),
  }));
  // Adjusting state while rendering, as React documents for state derived from a changed input.
  if (
    view.query !== addressQuery &&
    typeof window !== "undefined" &&
    window.location.search.replace(/^\?/, "").replace(/%2C/g, ",") === addressQuery
  ) {
    setView({ query: addressQuery, filters: readResultFilters(new URLSearchParams(addressQuery)) });
  }

  const current = view.filters;
  const setFilters = useCallback(
    (change: Partial<ResultFilters>) => {
      const filters = { ...current, ...change };
      const query = toResultFilterQuery(filters);
      setView({ query, filters });
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    },
    [current],
  );

  return { filters: view.filters, query: view.query, setFilters };
}
