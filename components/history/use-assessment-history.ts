"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type AssessmentFilters, assessmentPageSchema } from "@/lib/assessments/assessment-contract";
import { agreementResponseSchema } from "@/lib/assessments/judgment-contract";
import { useModelEndpoints } from "@/components/models/ModelSelect";
import { callApi } from "@/lib/http/api-client";
import { baselineProvider } from "./model-label";
import { toFilterQuery } from "./use-history-filters";

const pageSize = 30;

/** The person's assessments matching the filters, newest first, a page at a time (cursor: the last id). */
export function useAssessmentPages(filters: AssessmentFilters) {
  const query = toFilterQuery(filters);
  return useInfiniteQuery({
    queryKey: ["assessments", "history", query],
    queryFn: ({ pageParam }) =>
      callApi(
        `/api/assessments?limit=${pageSize}${pageParam ? `&before=${pageParam}` : ""}${query ? `&${query}` : ""}`,
        { schema: assessmentPageSchema },
      ),
    initialPageParam: "",
    // Judged or run a moment ago on the assess page: show it on return.
    staleTime: 0,
    getNextPageParam: (last) => (last.assessments.length === pageSize ? last.assessments.at(-1)!.id : undefined),
  });
}

/** Per model, how often the person chose the model's answer, in all and per week. */
export function useAgreement() {
  return useQuery({
    queryKey: ["assessments", "agreement"],
    queryFn: () => callApi("/api/assessments/agreement", { schema: agreementResponseSchema }),
    staleTime: 0,
  });
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
      Number(a.provider === baselineProvider) - Number(b.provider === baselineProvider) ||
      a.model.localeCompare(b.model),
  );
}
