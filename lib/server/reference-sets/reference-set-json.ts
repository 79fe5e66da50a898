import "server-only";
import type { ReferenceSetJson } from "@/lib/assessments/reference-set-contract";
import type { ReferenceSetRecord } from "@/lib/db/reference-sets";
import { type AttributeKey, attributeKeys } from "@/lib/preferthinker/attributes";

type StatedSide = Partial<Record<AttributeKey, string>>;

/** One side of a stored profile, keeping the known attributes' texts only. */
function readSide(value: unknown): StatedSide {
  const side: StatedSide = {};
  if (typeof value !== "object" || value === null) return side;
  for (const key of attributeKeys) {
    const text = (value as Record<string, unknown>)[key];
    if (typeof text === "string") side[key] = text;
  }
  return side;
}

/** A reference set as the API shows it. */
export function toReferenceSetJson(set: ReferenceSetRecord): ReferenceSetJson {
  const stated = set.statedProfile as { preference?: unknown; nonPreference?: unknown } | null;
  return {
    id: set.id,
    name: set.name,
    preferredImageIds: set.preferredImageIds,
    nonPreferredImageIds: set.nonPreferredImageIds,
    statedProfile: stated
      ? { preference: readSide(stated.preference), nonPreference: readSide(stated.nonPreference) }
      : null,
    createdAt: set.createdAt.toISOString(),
    updatedAt: set.updatedAt.toISOString(),
  };
}
