import "server-only";
import { getConfig } from "@/lib/config";
import { hashPassword, verifyAgainstNothing, verifyPassword, findPasswordProblem } from "@/lib/auth/passwords";
import type { Database } from "@/lib/db/open-database";
import { createSession } from "@/lib/db/sessions";
import { clearSignInFailures, getBlockedUntil, recordFailedSignIn } from "@/lib/db/sign-in-throttle";
import { createUserBySignUp, type SignUpRefusal } from "@/lib/db/sign-ups";
import { getUserForSignIn, type UserSummary } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

export type SignedIn = { user: UserSummary; session: { token: string; expiresAt: Date } };

/** One message for a wrong password, an unknown email and a disabled account. */
const wrongCredentials = "The email or password is wrong.";

function throttled(blockedUntil: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((blockedUntil.getTime() - Date.now()) / 1000));
  return new AppError("rate_limited", `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}

/**
 * Signs in with email and password. Failures are counted per account and
 * per address; once blocked, even the right password waits (so guessing
 * gains nothing from the block ending early).
 */
export async function signIn(
  database: Database,
  input: { email: string; password: string; address: string },
): Promise<SignedIn> {
  const keys = [`email:${input.email}`, `address:${input.address}`];
  const blockedUntil = await getBlockedUntil(database, keys);
  if (blockedUntil) throw throttled(blockedUntil);
  const user = await getUserForSignIn(database, input.email);
  // An account an admin made has no password until its link is used: it signs in like an unknown email.
  const isRight = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!user || !isRight || user.disabledAt !== null) {
    await recordFailedSignIn(database, keys);
    throw new AppError("unauthorized", wrongCredentials);
  }
  await clearSignInFailures(database, keys[0]!);
  const { passwordHash, ...summary } = user;
  return { user: summary, session: await createSession(database, user.id, { maxAgeMs: getConfig().sessionMaxAgeMs }) };
}

const refusals: Record<Exclude<SignUpRefusal, "taken" | "address_limit">, string> = {
  closed: "Accounts on this server are made by an administrator. Ask one for a link to set your password.",
  invitation_needed: "Signing up on this server needs an invitation. Ask an administrator for an invitation link.",
  invitation_invalid:
    "This invitation link cannot be used: it was used already, withdrawn, or it expired. Ask an administrator for a new one.",
};

/**
 * Creates an account under the sign-up policy (SIGN_UP) and signs it in.
 * Without mail delivery a taken address cannot be hidden from the person who
 * tries it, so the refusal is generic and costs the same time as a success;
 * tries count toward the address's sign-in limit, so the API cannot be used
 * to list accounts quickly. Open sign-ups that succeed are limited per
 * address too (SIGN_UPS_PER_ADDRESS an hour), so one address cannot farm
 * accounts; invitations are bounded by the admin who makes them.
 */
export async function signUp(
  database: Database,
  input: { email: string; password: string; address: string; invitation?: string },
): Promise<SignedIn> {
  const problem = findPasswordProblem(input.password, input.email);
  // The problem is a sentence for the sign-up form, which shows it as it is.
  if (problem) throw new AppError("bad_request", problem);
  const addressKey = `address:${input.address}`;
  const blockedUntil = await getBlockedUntil(database, [addressKey]);
  if (blockedUntil) throw throttled(blockedUntil);
  const { signUp: policy, sessionMaxAgeMs } = getConfig();
  const outcome = await createUserBySignUp(database, {
    email: input.email,
    passwordHash: await hashPassword(input.password),
    policy: policy.policy,
    invitationToken: input.invitation,
    address: input.address,
    perAddressPerHour: policy.perAddressPerHour,
  });
  if (outcome.refusal === "taken") {
    await recordFailedSignIn(database, [addressKey]);
    throw new AppError("conflict", "An account cannot be created with this email. If it is yours, sign in instead.");
  }
  if (outcome.refusal === "address_limit") {
    throw new AppError(
      "rate_limited",
      `Too many accounts were made from your network in the last hour (at most ${policy.perAddressPerHour}). Try again later, or ask an administrator for an invitation.`,
      { retryAfterSeconds: 3600 },
    );
  }
  if (outcome.refusal) throw new AppError("forbidden", refusals[outcome.refusal]);
  return { user: outcome.user, session: await createSession(database, outcome.user.id, { maxAgeMs: sessionMaxAgeMs }) };
}
