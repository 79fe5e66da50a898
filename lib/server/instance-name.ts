import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

const nameKey = Symbol.for("preferthinker-studio.instance-name");
const holder = globalThis as { [nameKey]?: string };

/**
 * This process's name on the leases and places it holds in a shared
 * database: host, process id and a random part (a restarted process with a
 * reused pid is someone else). On globalThis, since Next bundles the server
 * more than once and the process must have one name.
 */
export const instanceName: string = (holder[nameKey] ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
