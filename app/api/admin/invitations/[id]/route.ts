import { revokeInvitation } from "@/lib/db/invitations";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";

/** DELETE /api/admin/invitations/:id: withdraws an invitation nobody has used yet; 204, or 404 (admins only). */
export const DELETE = defineRoute(
  { access: "accounts", params: { id: "invitation" } },
  async ({ params, database }) => {
    if (!(await revokeInvitation(database, params.id))) throw new AppError("not_found", "No such open invitation.");
    return new Response(null, { status: 204 });
  },
);
