import "server-only";
import type { SignUpPolicy } from "@/lib/config";
import type { Role } from "./generated/prisma/enums";
import type { Database } from "./open-database";
import { hashSecret } from "./token-secrets";
import { FIRST_ACCOUNT_LOCK, type UserSummary, userSummaryFields } from "./users";

/**
 * Sign-up under the installation's policy, decided inside the transaction
 * that creates the account (under the first-account lock), so two sign-ups at
 * once can neither both become the first admin, nor both spend one
 * invitation, nor both slip under an address's limit.
 */

export type SignUpRefusal =
  /** The email has an account already. */
  | "taken"
  /** SIGN_UP=closed: only admins make accounts. */
  | "closed"
  /** SIGN_UP=invite and no invitation was given. */
  | "invitation_needed"
  /** The invitation given is unknown, used, revoked or expired. */
  | "invitation_invalid"
  /** Open sign-ups from this address reached their hourly limit. */
  | "address_limit";

export type SignUpAttempt = {
  email: string;
  passwordHash: string;
  policy: SignUpPolicy;
  /** The invitation link's token, if the person came with one. */
  invitationToken: string | undefined;
  address: string;
  perAddressPerHour: number;
};

export type SignUpOutcome = { user: UserSummary; refusal?: never } | { user?: never; refusal: SignUpRefusal };

const hourMs = 60 * 60 * 1000;

/** Refusal travels out of the transaction as an exception, so nothing it wrote (a spent invitation) stays. */
class Refused extends Error {
  constructor(readonly refusal: SignUpRefusal) {
    super(refusal);
  }
}

/**
 * Creates an account if the policy lets this attempt through. The first
 * account of an installation always may, and becomes admin; an invitation
 * is spent by the same statement that checks it; open sign-ups without an
 * invitation are counted per address.
 */
export async function createUserBySignUp(database: Database, attempt: SignUpAttempt): Promise<SignUpOutcome> {
  try {
    const user = await database.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
      if (await tx.user.findUnique({ where: { email: attempt.email }, select: { id: true } }))
        throw new Refused("taken");
      if ((await tx.user.count()) === 0) {
        return tx.user.create({
          data: { email: attempt.email, passwordHash: attempt.passwordHash, roles: ["user", "admin"] },
          select: userSummaryFields,
        });
      }
      if (attempt.policy === "closed") throw new Refused("closed");

      let invitation: { id: string; roles: Role[] } | null = null;
      if (attempt.invitationToken !== undefined) {
        // Raw SQL: one conditional UPDATE spends the invitation, so it can be spent once however many try at the same moment.
        const [claimed] = await tx.$queryRaw<{ id: string; roles: Role[] }[]>`
          UPDATE invitation SET used_at = now()
          WHERE token_hash = ${hashSecret(attempt.invitationToken)} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, roles::text[] AS roles`;
        if (!claimed) throw new Refused("invitation_invalid");
        invitation = claimed;
      } else if (attempt.policy === "invite") {
        throw new Refused("invitation_needed");
      } else {
        const since = new Date(Date.now() - hourMs);
        const recent = await tx.signUpRecord.count({ where: { address: attempt.address, createdAt: { gt: since } } });
        if (recent >= attempt.perAddressPerHour) throw new Refused("address_limit");
        await tx.signUpRecord.deleteMany({ where: { createdAt: { lte: since } } });
        await tx.signUpRecord.create({ data: { address: attempt.address } });
      }

      const roles = [...new Set<Role>(["user", ...(invitation?.roles ?? [])])];
      const created = await tx.user.create({
        data: { email: attempt.email, passwordHash: attempt.passwordHash, roles },
        select: userSummaryFields,
      });
      if (invitation) await tx.invitation.update({ where: { id: invitation.id }, data: { usedById: created.id } });
      return created;
    });
    return { user };
  } catch (error) {
    if (error instanceof Refused) return { refusal: error.refusal };
    throw error;
  }
}

/** Whether the installation has no account yet: its first sign-up is open whatever the policy. */
export async function hasNoAccounts(database: Database): Promise<boolean> {
  return (await database.prisma.user.count({ take: 1 })) === 0;
}
