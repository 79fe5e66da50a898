import "server-only";
import { appOrigin } from "@/lib/http/allowed-hosts";
import { getHostPolicy } from "@/lib/http/assert-allowed-host";

/**
 * The absolute links an admin hands over (invitations, password links), on
 * PUBLIC_URL when it is set, so a link made behind a proxy works outside it.
 * Tokens travel in the query of a page of ours, which loads nothing from
 * other sites and sends other sites no path (next.config.js's Referrer-Policy).
 */

const daysMs = 24 * 60 * 60 * 1000;

export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * daysMs);
}

export function invitationUrl(request: Request, token: string): string {
  return new URL(
    `/sign-up?invitation=${encodeURIComponent(token)}`,
    appOrigin(getHostPolicy().policy, request),
  ).toString();
}

export function passwordLinkUrl(request: Request, token: string): string {
  return new URL(
    `/set-password?token=${encodeURIComponent(token)}`,
    appOrigin(getHostPolicy().policy, request),
  ).toString();
}
