import { can } from "@/lib/auth/policy";
import { revokeApiToken } from "@/lib/db/api-tokens";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";

/** DELETE /api/tokens/:id: revokes one of the caller's tokens (admins: anyone's); someone else's is not found. */
export const DELETE = defineRoute(
  { access: "own-data", params: { id: "token" } },
  async ({ params, database, actor }) => {
    const ownerId = can(actor, "accounts") ? undefined : actor.userId;
    if (!(await revokeApiToken(database, params.id, ownerId))) throw new AppError("not_found", "No such token.");
    return new Response(null, { status: 204 });
  },
);
