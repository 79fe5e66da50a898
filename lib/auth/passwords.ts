import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { commonPasswords } from "./common-passwords";

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum profile). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real check when there is no account, so timing does not tell whether an email exists. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("a password that belongs to no account");
  await verifyPassword(await dummyHash, password);
  return false;
}

export const minimumPasswordLength = 10;

/** Why a new password is refused, or null when it is acceptable. */
export function findPasswordProblem(password: string, email: string): string | null {
  if (password.length < minimumPasswordLength)
    return `Choose a password of at least ${minimumPasswordLength} characters.`;
  if (password.length > 256) return "Choose a password of at most 256 characters.";
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return "This password is one of the most common ones: choose another.";
  if (lowered === email.toLowerCase() || lowered === email.toLowerCase().split("@")[0])
    return "Do not use your email address as your password.";
  if (new Set(password).size < 4) return "Choose a password with more than three different characters.";
  return null;
}
