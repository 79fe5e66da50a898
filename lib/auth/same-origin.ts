import "server-only";
import { AppError } from "@/lib/errors";
import { getHostPolicy } from "@/lib/http/assert-allowed-host";

/**
 * Cross-site request forgery guard for requests that carry a cookie: the
 * browser's Origin (or Sec-Fetch-Site) must say the page is ours. Requests
 * with an API token carry no ambient authority and need no such check.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  // The Host was checked against our own names already; behind a proxy that rewrites it, PUBLIC_URL is the origin pages have.
  const host = request.headers.get("host");
  const publicUrl = getHostPolicy().policy.publicUrl;
  if (origin) {
    if (URL.canParse(origin) && (new URL(origin).origin === publicUrl || (host && new URL(origin).host === host)))
      return;
    throw new AppError("forbidden", "Cross-site request refused: it did not come from this site's pages.");
  }
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return;
  throw new AppError("forbidden", "Cross-site request refused: send an Origin header, or use an API token.");
}
