import { queryOptions } from "@tanstack/react-query";
import { profileViewSchema } from "@/lib/assessments/profile-view-contract";
import { referenceSetsResponseSchema } from "@/lib/assessments/reference-set-contract";
import { callApi } from "@/lib/http/api-client";

/** The person's reference sets over /api/reference-sets. Every key starts with "reference-sets": invalidating `all` reaches them all. */
export const referenceSetKeys = {
  all: ["reference-sets"] as const,
  list: ["reference-sets", "list"] as const,
  profile: (id: string) => ["reference-sets", "profile", id] as const,
};

/** The person's reference sets, most recently changed first. */
export const referenceSetsQueryOptions = () =>
  queryOptions({
    queryKey: referenceSetKeys.list,
    queryFn: () => callApi("/api/reference-sets", { schema: referenceSetsResponseSchema }),
  });

/** A reference set's latest predicted profile beside the person's own words. */
export const profileViewQueryOptions = (id: string) =>
  queryOptions({
    queryKey: referenceSetKeys.profile(id),
    queryFn: () => callApi(`/api/reference-sets/${id}/profile`, { schema: profileViewSchema }),
  });
