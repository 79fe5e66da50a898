import "server-only";
import { readBearer } from "@/lib/auth/authenticate";
import { can } from "@/lib/auth/policy";
import { readSessionToken } from "@/lib/auth/session-cookie";
import { getApiTokenUser } from "@/lib/db/api-tokens";
import { getDatabase } from "@/lib/db/client";
import { getActiveSession } from "@/lib/db/sessions";
import type { HealthAudience } from "./get-health";

/**
 * Who asks for the health report. Never throws and never rotates a session
 * (the report is polled; rotation is for the API's other answers): a bad
 * credential, or a database that does not answer, makes a stranger.
 */
export async function getHealthAudience(request: Request): Promise<HealthAudience> {
  try {
    const database = await getDatabase();
    const bearer = readBearer(request);
    const sessionToken = readSessionToken(request);
    const user = bearer
      ? await getApiTokenUser(database, bearer)
      : sessionToken
        ? (await getActiveSession(database, sessionToken))?.user
        : null;
    if (!user) return "anonymous";
    // The full report (paths, model server addresses) is for those who run the installation.
    return can({ userId: user.id, email: user.email, roles: user.roles }, "accounts") ? "admin" : "member";
  } catch {
    return "anonymous";
  }
}
