import {
  newInvitationSchema,
  invitationsResponseSchema,
  newInvitationResponseSchema,
} from "@/lib/accounts/account-contract";
import { getConfig } from "@/lib/config";
import { createInvitation, findOpenInvitations } from "@/lib/db/invitations";
import { defineRoute } from "@/lib/http/define-route";
import { daysFromNow, invitationUrl } from "@/lib/server/accounts/account-links";
import { toInvitationJson } from "@/lib/server/accounts/invitation-json";
import { jsonResponse } from "@/lib/http/json-response";

/** GET /api/admin/invitations: the sign-up policy and the invitations that can still be used (admins only). */
export const GET = defineRoute({ access: "accounts" }, async ({ database }) => {
  const { policy, perAddressPerHour } = getConfig().signUp;
  return jsonResponse(invitationsResponseSchema, {
    signUp: { policy, perAddressPerHour },
    invitations: (await findOpenInvitations(database)).map(toInvitationJson),
  });
});

/** POST /api/admin/invitations {roles?, note?, expiresInDays?}: 201 with the invitation and its link, shown this once (admins only). */
export const POST = defineRoute(
  { access: "accounts", body: newInvitationSchema },
  async ({ request, body, database, actor }) => {
    const roles = body.roles.filter((role) => role !== "user");
    const { token, invitation } = await createInvitation(database, {
      createdById: actor.userId,
      roles,
      note: body.note,
      expiresAt: daysFromNow(body.expiresInDays),
    });
    return jsonResponse(
      newInvitationResponseSchema,
      { invitation: toInvitationJson(invitation), url: invitationUrl(request, token) },
      { status: 201 },
    );
  },
);
