import { referenceSetChangeSchema } from "@/lib/assessments/reference-set-contract";
import { readJsonBody, route } from "@/lib/auth/route";
import { deleteReferenceSet } from "@/lib/db/reference-sets";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";
import { changeReferenceSet } from "@/lib/server/reference-sets/change-reference-set";
import { getReachableReferenceSet } from "@/lib/server/reference-sets/get-reachable-reference-set";
import { toReferenceSetJson } from "@/lib/server/reference-sets/reference-set-json";

/** GET /api/reference-sets/:id: one reference set (its owner's, or any for an admin). */
export const GET = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  const set = await getReachableReferenceSet(database, actor, params.id);
  return Response.json({ referenceSet: toReferenceSetJson(set) }, { headers: { "Cache-Control": "no-store" } });
});

/** PATCH /api/reference-sets/:id {name?, preferredImageIds?, nonPreferredImageIds?, statedProfile?}: the owner alone. */
export const PATCH = route<"own-data", { id: string }>("own-data", async ({ request, params, database, actor }) => {
  const change = await readJsonBody(request, referenceSetChangeSchema);
  return Response.json({
    referenceSet: toReferenceSetJson(await changeReferenceSet(database, actor, params.id, change)),
  });
});

/** DELETE /api/reference-sets/:id: the owner alone; assessments made from it keep their images and lose the link. */
export const DELETE = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  if (!isUuid(params.id) || !(await deleteReferenceSet(database, actor.userId, params.id)))
    throw new AppError("not_found", "No such reference set.");
  return new Response(null, { status: 204 });
});
