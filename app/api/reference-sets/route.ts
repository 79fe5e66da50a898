import { newReferenceSetSchema } from "@/lib/assessments/reference-set-contract";
import { readJsonBody, route } from "@/lib/auth/route";
import { findReferenceSets } from "@/lib/db/reference-sets";
import { createReferenceSet } from "@/lib/server/reference-sets/create-reference-set";
import { toReferenceSetJson } from "@/lib/server/reference-sets/reference-set-json";

/** GET /api/reference-sets: the caller's reference sets, most recently changed first. */
export const GET = route("own-data", async ({ database, actor }) => {
  const sets = await findReferenceSets(database, actor.userId);
  return Response.json({ referenceSets: sets.map(toReferenceSetJson) }, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/reference-sets {name, preferredImageIds, nonPreferredImageIds}: 201 with the new set. */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, newReferenceSetSchema);
  return Response.json(
    { referenceSet: toReferenceSetJson(await createReferenceSet(database, actor, body)) },
    { status: 201 },
  );
});
