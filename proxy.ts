import { type NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { allowedHosts, isAllowedHost } from "@/lib/http/allowed-hosts";

let pageHosts: Set<string> | undefined;

/**
 * A fresh Content-Security-Policy nonce per page request: Next puts the
 * nonce on its own scripts when it finds the policy in the request headers,
 * so no inline script runs without it (no 'unsafe-inline' for scripts).
 * The static security headers come from next.config.js, for every response.
 * Pages asked for under a host name that is not ours are refused first.
 *
 * API routes are left out: with a proxy in the way, Next keeps a copy of each
 * request body so it can hand it on, and bench/images.ts showed the server's
 * peak memory growing with the number of uploads in flight. Leaving /api/ out
 * keeps uploads streamed. API answers get a policy of their own in next.config.js.
 */
export function proxy(request: NextRequest) {
  // A page asked for under another site's name (DNS rebinding) gets nothing; the API checks the same in defineRoute().
  const config = getConfig();
  pageHosts ??= allowedHosts({ publicUrl: config.publicUrl, host: config.host, port: config.port });
  if (!isAllowedHost(request.headers.get("host"), pageHosts)) {
    return new NextResponse(
      "This server does not answer to that host name. Set PUBLIC_URL to the address people use.",
      { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
  const nonce = btoa(crypto.randomUUID());
  const isDev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
