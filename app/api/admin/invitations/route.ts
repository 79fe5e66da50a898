import { route, readJsonBody } from "@/lib/auth/route";
import { newInvitationSchema } from "@/lib/accounts/account-contract";
import { getConfig } from "@/lib/config";
import { createInvitation, findOpenInvitations } from "@/lib/db/invitations";
import { daysFromNow, invitationUrl } from "@/lib/server/accounts/account-links";
import { toInvitationJson } from "@/lib/server/accounts/invitation-json";

/** GET /api/admin/invitations: the sign-up policy and the invitations that can still be used (admins only). */
export const GET = route("accounts", async ({ database }) => {
  const { policy, perAddressPerHour } = getConfig().signUp;
  return Response.json({
    signUp: { policy, perAddressPerHour },
    invitations: (await findOpenInvitations(database)).map(toInvitationJson),
  });
});

/** POST /api/admin/invitations {roles?, note?, expiresInDays?}: 201 with the invitation and its link, shown this once (admins only). */
export const POST = route("accounts", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, newInvitationSchema);
  const roles = body.roles.filter((role) => role !== "user");
  const { token, invitation } = await createInvitation(database, {
    createdById: actor.userId,
    roles,
    note: body.note,
    expiresAt: daysFromNow(body.expiresInDays),
  });
  return Response.json(
    { invitation: toInvitationJson(invitation), url: invitationUrl(request, token) },
    { status: 201 },
  );
});
