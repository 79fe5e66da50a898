import "server-only";
import { getConfig } from "@/lib/config";
import { getInvitationState } from "@/lib/db/invitations";
import type { Database } from "@/lib/db/open-database";
import { hasNoAccounts } from "@/lib/db/sign-ups";
import type { Role } from "@/lib/db/users";

/**
 * What the sign-up page offers a visitor, before they type anything: the
 * form (open sign-up, an invitation, or the installation's first account),
 * or why not and whom to ask. The API decides again on submit.
 */
export type SignUpState =
  | { form: true; reason: "open" | "first-account" }
  | { form: true; reason: "invited"; roles: Role[] }
  | { form: false; reason: "closed" | "invitation-needed" }
  | { form: false; reason: "invitation-unusable"; why: "used" | "revoked" | "expired" | "unknown" };

export async function getSignUpState(database: Database, invitationToken: string | undefined): Promise<SignUpState> {
  if (await hasNoAccounts(database)) return { form: true, reason: "first-account" };
  const { policy } = getConfig().signUp;
  if (policy === "closed") return { form: false, reason: "closed" };
  if (invitationToken) {
    const invitation = await getInvitationState(database, invitationToken);
    if (invitation.state !== "usable") return { form: false, reason: "invitation-unusable", why: invitation.state };
    return { form: true, reason: "invited", roles: invitation.roles };
  }
  return policy === "invite" ? { form: false, reason: "invitation-needed" } : { form: true, reason: "open" };
}

/** Whether the header offers Sign up to visitors: not when nobody but admins makes accounts (unless there is no account yet). */
export async function offersSignUp(database: Database): Promise<boolean> {
  return getConfig().signUp.policy !== "closed" || (await hasNoAccounts(database));
}
