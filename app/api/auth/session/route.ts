import { route } from "@/lib/auth/route";

/** GET /api/auth/session: who is signed in ({user: null} when nobody); rotates an old session. */
export const GET = route("public", async ({ actor }) => {
  return Response.json(
    { user: actor ? { id: actor.userId, email: actor.email, roles: actor.roles } : null },
    { headers: { "Cache-Control": "no-store" } },
  );
});
