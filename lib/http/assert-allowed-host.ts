import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { allowedHosts, type HostPolicy } from "./allowed-hosts";

let cached: { policy: HostPolicy; hosts: Set<string> } | undefined;

/** The configuration's host policy and its allowed hosts, worked out once. */
export function getHostPolicy(): { policy: HostPolicy; hosts: Set<string> } {
  if (!cached) {
    const config = getConfig();
    const policy = { publicUrl: config.publicUrl, host: config.host, port: config.port };
    cached = { policy, hosts: allowedHosts(policy) };
  }
  return cached;
}

/** A 400 for a request whose Host is not one of ours (see allowed-hosts.ts), before anything else reads it. */
export function assertAllowedHost(request: Request): void {
  const host = request.headers.get("host");
  if (host && getHostPolicy().hosts.has(host.trim().toLowerCase())) return;
  throw new AppError(
    "bad_request",
    `This server does not answer to the host name ${JSON.stringify(host ?? "")}. Set PUBLIC_URL to the address people use.`,
  );
}
