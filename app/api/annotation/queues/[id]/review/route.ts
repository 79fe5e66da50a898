import { route } from "@/lib/auth/route";
import { findDisputedItems } from "@/lib/server/annotation/review";

/** GET /api/annotation/queues/:id/review: items whose annotators disagree, with every annotation, for a reviewer to settle. */
export const GET = route<"annotation-queues", { id: string }>(
  "annotation-queues",
  async ({ params, database, actor }) => {
    return Response.json(
      { items: await findDisputedItems(database, actor, params.id) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
