import "server-only";
import { getConfig } from "@/lib/config";
import { clientAddressHeader } from "@/lib/server/client-address-header";

/**
 * The address a request came from, for per-address sign-in limits: the
 * socket's address, stamped at start-up where a client cannot forge it.
 * Behind reverse proxies (TRUST_PROXY_HOPS=n), the n-th X-Forwarded-For
 * entry from the right, which the nearest trusted proxy wrote.
 */
export function getClientAddress(request: Request, trustedProxyHops = getConfig().trustProxyHops): string {
  const socketAddress = request.headers.get(clientAddressHeader) ?? "unknown";
  if (!trustedProxyHops) return socketAddress;
  const hops = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[hops.length - trustedProxyHops] ?? socketAddress;
}
