import { readJsonBody, route } from "@/lib/auth/route";
import { resolutionSchema } from "@/lib/annotation/annotation-contract";
import { resolveItem } from "@/lib/server/annotation/review";

/** PUT /api/annotation/items/:id/resolution: a reviewer's final annotation of an item whose annotators disagree. */
export const PUT = route<"annotation-queues", { id: string }>(
  "annotation-queues",
  async ({ request, params, database, actor }) => {
    const resolution = await readJsonBody(request, resolutionSchema);
    await resolveItem(database, actor, params.id, resolution);
    return Response.json({ resolved: true });
  },
);
