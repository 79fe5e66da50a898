import {
  newReferenceSetSchema,
  referenceSetsResponseSchema,
  referenceSetResponseSchema,
} from "@/lib/assessments/reference-set-contract";
import { findReferenceSets } from "@/lib/db/reference-sets";
import { defineRoute } from "@/lib/http/define-route";
import { createReferenceSet } from "@/lib/server/reference-sets/create-reference-set";
import { toReferenceSetJson } from "@/lib/server/reference-sets/reference-set-json";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/reference-sets: the caller's reference sets, most recently changed first. */
export const GET = defineRoute({ access: "own-data" }, async ({ database, actor }) => {
  const sets = await findReferenceSets(database, actor.userId);
  return jsonResponse(
    referenceSetsResponseSchema,
    { referenceSets: sets.map(toReferenceSetJson) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** POST /api/reference-sets {name, preferredImageIds, nonPreferredImageIds}: 201 with the new set. */
export const POST = defineRoute(
  { access: "own-data", body: newReferenceSetSchema },
  async ({ body, database, actor }) => {
    return jsonResponse(
      referenceSetResponseSchema,
      { referenceSet: toReferenceSetJson(await createReferenceSet(database, actor, body)) },
      { status: 201 },
    );
  },
);
