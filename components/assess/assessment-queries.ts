import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import {
  type AssessmentFilters,
  assessmentPagePath,
  assessmentPageSchema,
  assessmentResponseSchema,
} from "@/lib/assessments/assessment-contract";
import { agreementResponseSchema } from "@/lib/assessments/judgment-contract";
import { callApi } from "@/lib/http/api-client";

/** The person's assessments over /api/assessments. Every key starts with "assessments": invalidating `all` reaches them all. */
export const assessmentKeys = {
  all: ["assessments"] as const,
  pages: (filters: AssessmentFilters) => ["assessments", "pages", filters] as const,
  agreement: ["assessments", "agreement"] as const,
  one: (id: string) => ["assessments", "one", id] as const,
};

export const assessmentPageSize = 30;

/** The person's assessments matching the filters, newest first, a page at a time (cursor: the last id). */
export const assessmentPagesQueryOptions = (filters: AssessmentFilters) =>
  infiniteQueryOptions({
    queryKey: assessmentKeys.pages(filters),
    queryFn: ({ pageParam }) =>
      callApi(assessmentPagePath(filters, { limit: assessmentPageSize, before: pageParam || undefined }), {
        schema: assessmentPageSchema,
      }),
    initialPageParam: "",
    getNextPageParam: (last) =>
      last.assessments.length === assessmentPageSize ? last.assessments.at(-1)!.id : undefined,
  });

/** Per model, how often the person chose the model's answer, in all and per week. */
export const agreementQueryOptions = () =>
  queryOptions({
    queryKey: assessmentKeys.agreement,
    queryFn: () => callApi("/api/assessments/agreement", { schema: agreementResponseSchema }),
  });

/** One stored assessment (its output so far while it runs), with its judgment and its swapped repeats. */
export const assessmentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: assessmentKeys.one(id),
    queryFn: () => callApi(`/api/assessments/${id}`, { schema: assessmentResponseSchema }),
  });
