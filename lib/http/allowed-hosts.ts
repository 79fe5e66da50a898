/**
 * Which `Host` headers the app answers. A page of another site can make a
 * browser send requests to a local install under the other site's name (DNS
 * rebinding); refusing every name but ours makes those requests reach nothing.
 * Allowed: the host of PUBLIC_URL, and the listening address under its
 * loopback names (127.0.0.1, localhost, [::1]) or its own address when it is
 * one address rather than all of them.
 */

export type HostPolicy = { publicUrl: string | undefined; host: string; port: number };

const wildcardHosts = new Set(["0.0.0.0", "::", "[::]", ""]);

/** The allowed values of a Host header, lower-cased. */
export function allowedHosts(policy: HostPolicy): Set<string> {
  const hosts = new Set<string>();
  if (policy.publicUrl) hosts.add(new URL(policy.publicUrl).host.toLowerCase());
  for (const name of ["127.0.0.1", "localhost", "[::1]"]) hosts.add(`${name}:${policy.port}`);
  const listening = policy.host.toLowerCase();
  if (!wildcardHosts.has(listening))
    hosts.add(`${listening.includes(":") && !listening.startsWith("[") ? `[${listening}]` : listening}:${policy.port}`);
  return hosts;
}

/** Whether a request's Host header names this app. A missing Host (HTTP/1.0) is refused too. */
export function isAllowedHost(hostHeader: string | null, allowed: Set<string>): boolean {
  if (!hostHeader) return false;
  return allowed.has(hostHeader.trim().toLowerCase());
}

/** The origin same-origin checks and absolute links use: PUBLIC_URL, else the request's own. */
export function appOrigin(policy: HostPolicy, request: Request): string {
  return policy.publicUrl ?? new URL(request.url).origin;
}
