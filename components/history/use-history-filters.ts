"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  type AssessmentFilters,
  assessmentFilterKeys,
  assessmentListQuerySchema,
  toAssessmentFilterQuery,
} from "@/lib/assessments/assessment-contract";

/** The filters as the address holds them; a value the API would refuse is ignored rather than sent. */
function readFilters(params: URLSearchParams): AssessmentFilters {
  const filters: AssessmentFilters = {};
  for (const key of assessmentFilterKeys) {
    const parsed = assessmentListQuerySchema.shape[key].safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(filters, { [key]: parsed.data });
  }
  return filters;
}

/** The query string of this page's address (and of GET /api/assessments) for some filters, in a stable order. */
export const toFilterQuery = toAssessmentFilterQuery;

/**
 * The history's filters, kept in the address so that a filtered view can be
 * shared and survives a reload. Changing one replaces the address (no new
 * history entry per click) and keeps the scroll position.
 */
export function useHistoryFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const filters = useMemo(() => readFilters(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setFilter = useCallback(
    <K extends keyof AssessmentFilters>(key: K, value: AssessmentFilters[K] | "") => {
      const query = toFilterQuery({ ...filters, [key]: value || undefined });
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );
  const clearFilters = useCallback(() => router.replace(pathname, { scroll: false }), [pathname, router]);

  return { filters, setFilter, clearFilters, isFiltered: Object.keys(filters).length > 0 };
}
