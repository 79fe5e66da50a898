import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db/client";
import { getActiveSession } from "@/lib/db/sessions";
import { type Actor, can, type Capability } from "./policy";
import { sessionCookieName } from "./session-cookie";

/** The signed-in person viewing a page, or null. (Pages cannot set cookies: rotation happens in the API.) */
export async function getPageActor(): Promise<Actor | null> {
  const token = (await cookies()).get(sessionCookieName)?.value;
  if (!token) return null;
  const session = await getActiveSession(await getDatabase(), token);
  return session ? { userId: session.user.id, email: session.user.email, roles: session.user.roles } : null;
}

export type PageAccess = { actor: Actor; allowed: true } | { actor: Actor; allowed: false; capability: Capability };

/** A page's access rule: anonymous visitors go to sign-in and come back; others learn which role they lack. */
export async function requirePageAccess(capability: Capability, path: string): Promise<PageAccess> {
  const actor = await getPageActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return can(actor, capability) ? { actor, allowed: true } : { actor, allowed: false, capability };
}
