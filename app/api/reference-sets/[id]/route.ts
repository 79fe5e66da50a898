import { referenceSetChangeSchema, referenceSetResponseSchema } from "@/lib/assessments/reference-set-contract";
import { deleteReferenceSet } from "@/lib/db/reference-sets";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { changeReferenceSet } from "@/lib/server/reference-sets/change-reference-set";
import { getReachableReferenceSet } from "@/lib/server/reference-sets/get-reachable-reference-set";
import { toReferenceSetJson } from "@/lib/server/reference-sets/reference-set-json";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/reference-sets/:id: one reference set (its owner's, or any for an admin). */
export const GET = defineRoute(
  { access: "own-data", params: { id: "reference set" } },
  async ({ params, database, actor }) => {
    const set = await getReachableReferenceSet(database, actor, params.id);
    return jsonResponse(
      referenceSetResponseSchema,
      { referenceSet: toReferenceSetJson(set) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

/** PATCH /api/reference-sets/:id {name?, preferredImageIds?, nonPreferredImageIds?, statedProfile?}: the owner alone. */
export const PATCH = defineRoute(
  { access: "own-data", params: { id: "reference set" }, body: referenceSetChangeSchema },
  async ({ params, body, database, actor }) =>
    jsonResponse(referenceSetResponseSchema, {
      referenceSet: toReferenceSetJson(await changeReferenceSet(database, actor, params.id, body)),
    }),
);

/** DELETE /api/reference-sets/:id: the owner alone; assessments made from it keep their images and lose the link. */
export const DELETE = defineRoute(
  { access: "own-data", params: { id: "reference set" } },
  async ({ params, database, actor }) => {
    if (!(await deleteReferenceSet(database, actor.userId, params.id)))
      throw new AppError("not_found", "No such reference set.");
    return new Response(null, { status: 204 });
  },
);
