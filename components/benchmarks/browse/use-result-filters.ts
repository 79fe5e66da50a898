"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { readResultFilters, type ResultFilters, toResultFilterQuery } from "@/lib/benchmarks/result-filters";

/**
 * The failure browser's filters, kept in the address so a link reproduces
 * the view. A change replaces the address through the History API, which
 * Next keeps in step with useSearchParams without asking the server for the
 * page again: the list updates in the same frame.
 */
export function useResultFilters() {
  const searchParams = useSearchParams();
  const filters = useMemo(() => readResultFilters(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setFilters = useCallback(
    (change: Partial<ResultFilters>) => {
      const query = toResultFilterQuery({ ...filters, ...change });
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    },
    [filters],
  );

  return { filters, setFilters };
}
