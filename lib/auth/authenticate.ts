import "server-only";
import { getApiTokenUser } from "@/lib/db/api-tokens";
import type { Database } from "@/lib/db/open-database";
import { getActiveSession, rotateSession, sessionRotationMs } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import type { Actor } from "./policy";

export type Authentication = {
  actor: Actor;
  via: "session" | "token";
  /** A rotated session token to send back, when the session was due for rotation. */
  rotated?: { token: string; expiresAt: Date };
};

/**
 * Who makes a request: an API token (`Authorization: Bearer pts_…`) or the
 * session cookie's token. A bearer token that does not work is an error, not
 * an anonymous request, so a script learns at once that its token is dead.
 */
export async function authenticate(
  database: Database,
  credentials: { bearer: string | null; sessionToken: string | undefined },
): Promise<Authentication | null> {
  if (credentials.bearer !== null) {
    const user = await getApiTokenUser(database, credentials.bearer);
    if (!user)
      throw new AppError(
        "unauthorized",
        "This API token is not valid: it was revoked, has expired, was mistyped, or its account is disabled.",
      );
    return { actor: { userId: user.id, email: user.email, roles: user.roles }, via: "token" };
  }
  if (!credentials.sessionToken) return null;
  const session = await getActiveSession(database, credentials.sessionToken);
  if (!session) return null;
  const actor = { userId: session.user.id, email: session.user.email, roles: session.user.roles };
  // A request carrying the token just replaced is inside the grace: it proceeds, and the browser already has (or is getting) the new one.
  const isDue = !session.isPreviousToken && Date.now() - session.rotatedAt.getTime() > sessionRotationMs;
  const rotated = isDue ? await rotateSession(database, session.id, credentials.sessionToken) : null;
  return { actor, via: "session", ...(rotated ? { rotated } : {}) };
}

/** The bearer token of an Authorization header, if it has one. */
export function readBearer(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "The Authorization header must be: Bearer <token>.");
  return match[1]!;
}
