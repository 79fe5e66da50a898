import "server-only";
import type { InvitationJson } from "@/lib/accounts/account-contract";
import type { InvitationSummary } from "@/lib/db/invitations";

/** An open invitation as the admin API shows it (never its token, which only the answer that made it carries). */
export function toInvitationJson(invitation: InvitationSummary): InvitationJson {
  return {
    id: invitation.id,
    roles: invitation.roles,
    note: invitation.note,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    createdBy: invitation.createdByEmail,
  };
}
