import { can } from "@/lib/auth/policy";
import { route } from "@/lib/auth/route";
import { revokeApiToken } from "@/lib/db/api-tokens";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";

/** DELETE /api/tokens/:id: revokes one of the caller's tokens (admins: anyone's); someone else's is not found. */
export const DELETE = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  const ownerId = can(actor, "accounts") ? undefined : actor.userId;
  if (!isUuid(params.id) || !(await revokeApiToken(database, params.id, ownerId)))
    throw new AppError("not_found", "No such token.");
  return new Response(null, { status: 204 });
});
