import "server-only";
import type { Role } from "./generated/prisma/enums";
import type { Database } from "./open-database";
import { hashSecret, newSecret } from "./token-secrets";

/**
 * Admins' invitations to make an account: a random token in a link, single
 * use, expiring, optionally with roles preset. Only the token's sha256 is
 * stored; it is spent in lib/db/sign-ups.ts.
 */

export type InvitationSummary = {
  id: string;
  roles: Role[];
  note: string;
  createdAt: Date;
  expiresAt: Date;
  createdByEmail: string;
};

const fields = {
  id: true,
  roles: true,
  note: true,
  createdAt: true,
  expiresAt: true,
  createdBy: { select: { email: true } },
} as const;

type Row = { id: string; roles: Role[]; note: string; createdAt: Date; expiresAt: Date; createdBy: { email: string } };

const toSummary = ({ createdBy, ...rest }: Row): InvitationSummary => ({ ...rest, createdByEmail: createdBy.email });

/** Makes an invitation; its token is returned this once and never again. */
export async function createInvitation(
  database: Database,
  input: { createdById: string; roles: Role[]; note: string; expiresAt: Date },
): Promise<{ token: string; invitation: InvitationSummary }> {
  const token = newSecret("inv");
  const row = await database.prisma.invitation.create({
    data: {
      tokenHash: hashSecret(token),
      createdById: input.createdById,
      roles: input.roles,
      note: input.note,
      expiresAt: input.expiresAt,
    },
    select: fields,
  });
  return { token, invitation: toSummary(row) };
}

/** Invitations that can still be used (not spent, revoked or expired), newest first. */
export async function findOpenInvitations(database: Database, now = new Date()): Promise<InvitationSummary[]> {
  const rows = await database.prisma.invitation.findMany({
    where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: fields,
  });
  return rows.map(toSummary);
}

/** Revokes an open invitation; false when there is none of this id that could still be used. */
export async function revokeInvitation(database: Database, id: string): Promise<boolean> {
  const { count } = await database.prisma.invitation.updateMany({
    where: { id, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

/** What a link's token stands for, so the sign-up page can say so before anyone types: usable (with its roles) or why not. */
export async function getInvitationState(
  database: Database,
  token: string,
  now = new Date(),
): Promise<{ state: "usable"; roles: Role[] } | { state: "used" | "revoked" | "expired" | "unknown" }> {
  const row = await database.prisma.invitation.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { roles: true, usedAt: true, revokedAt: true, expiresAt: true },
  });
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.revokedAt) return { state: "revoked" };
  if (row.expiresAt <= now) return { state: "expired" };
  return { state: "usable", roles: row.roles };
}
