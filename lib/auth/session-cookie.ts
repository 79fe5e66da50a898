import "server-only";
import { parseCookie, stringifySetCookie } from "cookie";

export const sessionCookieName = "studio_session";

/** Whether the browser reached us over https (directly or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

export function readSessionToken(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  return header ? parseCookie(header)[sessionCookieName] : undefined;
}

/** httpOnly, SameSite=Lax, Secure over https; lives as long as the session. */
export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  return stringifySetCookie({
    name: sessionCookieName,
    value: token,
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureRequest(request),
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(request: Request): string {
  return stringifySetCookie({ name: sessionCookieName, value: "", httpOnly: true, sameSite: "lax", secure: isSecureRequest(request), path: "/", maxAge: 0 });
}
