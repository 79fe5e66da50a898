import { route } from "@/lib/auth/route";
import { revokeInvitation } from "@/lib/db/invitations";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";

/** DELETE /api/admin/invitations/:id: withdraws an invitation nobody has used yet; 204, or 404 (admins only). */
export const DELETE = route<"accounts", { id: string }>("accounts", async ({ params, database }) => {
  if (!isUuid(params.id) || !(await revokeInvitation(database, params.id)))
    throw new AppError("not_found", "No such open invitation.");
  return new Response(null, { status: 204 });
});
