import "server-only";
import { parseCookie, stringifySetCookie } from "cookie";
import { getHostPolicy } from "@/lib/http/assert-allowed-host";

export const sessionCookieName = "studio_session";

/** Whether the browser reaches us over https: PUBLIC_URL says so, or the request came that way (directly or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  if (getHostPolicy().policy.publicUrl?.startsWith("https:")) return true;
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
  return stringifySetCookie({
    name: sessionCookieName,
    value: "",
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureRequest(request),
    path: "/",
    maxAge: 0,
  });
}
