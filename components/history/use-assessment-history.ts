"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { agreementQueryOptions, assessmentPagesQueryOptions } from "@/components/assess/assessment-queries";
import { useModelEndpoints } from "@/components/models/ModelSelect";
import type { AssessmentFilters } from "@/lib/assessments/assessment-contract";
import { isBaselineProvider } from "@/lib/assessments/provider-label";

/** The person's assessments matching the filters, newest first, a page at a time. */
export function useAssessmentPages(filters: AssessmentFilters) {
  // Judged or run a moment ago on the assess page: show it on return.
  return useInfiniteQuery({ ...assessmentPagesQueryOptions(filters), staleTime: 0 });
}

/** Per model, how often the person chose the model's answer, in all and per week. */
export function useAgreement() {
  return useQuery({ ...agreementQueryOptions(), staleTime: 0 });
}

/** The models to filter by: those configured now and those the person has judged, by name. */
export function useModelOptions(agreementModels: { model: string; provider: string }[]) {
  const endpoints = useModelEndpoints();
  const options = new Map<string, { model: string; provider: string }>();
  for (const endpoint of endpoints.data?.endpoints ?? []) {
    if (endpoint.model) options.set(endpoint.model, { model: endpoint.model, provider: endpoint.provider });
  }
  for (const entry of agreementModels) if (!options.has(entry.model)) options.set(entry.model, entry);
  // Model servers first, by name; the baseline last, as /api/models lists it.
  return [...options.values()].sort(
    (a, b) =>
      Number(isBaselineProvider(a.provider)) - Number(isBaselineProvider(b.provider)) || a.model.localeCompare(b.model),
  );
}
