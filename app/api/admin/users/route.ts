import { route } from "@/lib/auth/route";
import { findUsers } from "@/lib/db/users";
import { toUserJson } from "@/lib/server/accounts/user-json";

/** GET /api/admin/users: every account (admins only). */
export const GET = route("accounts", async ({ database }) => {
  return Response.json({ users: (await findUsers(database)).map(toUserJson) });
});
