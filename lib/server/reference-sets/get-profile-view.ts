import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { getLatestProfiledAssessment } from "@/lib/db/assessments";
import type { Database } from "@/lib/db/open-database";
import type { ProfileView } from "@/lib/assessments/profile-view-contract";
import type { StatedProfile } from "@/lib/assessments/reference-set-contract";
import { flattenProfile, tags } from "@/lib/preferthinker/official";
import { compareProfileTexts } from "@/lib/preferthinker/personal-profile";
import type { ParsedAssessment } from "@/lib/preferthinker/types";
import { getReachableReferenceSet } from "./get-reachable-reference-set";

/**
 * A reference set's profile page: the latest profile a model predicted from
 * it, what its owner says of their taste, and where the two meet or part.
 */
export async function getProfileView(database: Database, actor: Actor, referenceSetId: string): Promise<ProfileView> {
  const set = await getReachableReferenceSet(database, actor, referenceSetId);
  const latest = await getLatestProfiledAssessment(database, set.ownerId, set.id);
  const parsed = latest?.parsed as ParsedAssessment | null | undefined;
  const stated = (set.statedProfile as StatedProfile | null) ?? null;
  const predicted =
    latest && parsed
      ? {
          assessmentId: latest.id,
          provider: latest.provider,
          model: latest.model,
          createdAt: latest.createdAt.toISOString(),
          preference: parsed.profiles.preference.map((profile) => ({ ...profile }) as Record<string, string>),
          nonPreference: { ...(parsed.profiles.nonPreference[0] ?? {}) } as Record<string, string>,
          flattenedPreference: flattenProfile(latest.output, tags.preference),
        }
      : null;
  // A person with several looks: their first predicted profile is compared.
  const firstPreference = predicted?.preference[0] ?? {};
  return {
    referenceSet: { id: set.id, name: set.name },
    predicted,
    stated: stated
      ? {
          preference: { ...stated.preference } as Record<string, string>,
          nonPreference: { ...stated.nonPreference } as Record<string, string>,
        }
      : null,
    comparison: {
      preference: compareProfileTexts(firstPreference, stated?.preference ?? {}),
      nonPreference: compareProfileTexts(predicted?.nonPreference ?? {}, stated?.nonPreference ?? {}),
    },
  };
}
