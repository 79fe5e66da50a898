import type { Database } from "@/lib/db/open-database";

/**
 * Calls the app's route handlers directly, as Next would, against a test
 * database: the same code path as production minus the HTTP server.
 */

const holderKey = Symbol.for("preferthinker-studio.database");

/** Makes getDatabase() answer with this database. */
export function useTestDatabase(database: Database): void {
  (globalThis as Record<symbol, unknown>)[holderKey] = Promise.resolve(database);
}

/** The database the routes answer from, as useTestDatabase set it; an error if none was set (rather than the app opening one of its own). */
export function getTestDatabase(): Promise<Database> {
  const database = (globalThis as Record<symbol, unknown>)[holderKey] as Promise<Database> | undefined;
  if (!database) throw new Error("No test database: call useTestDatabase or openTestDatabase first.");
  return database;
}

export const testOrigin = "http://studio.test";

export type CallOptions = {
  params?: Record<string, string | string[]>;
  body?: unknown;
  sessionToken?: string;
  bearer?: string;
  /** The page's origin, as a browser sends it; null for none. */
  origin?: string | null;
  address?: string;
  headers?: Record<string, string>;
};

type RouteModule = Record<string, unknown>;

export async function callRoute(
  module: RouteModule,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const handler = module[method];
  if (typeof handler !== "function") throw new Error(`${path} has no ${method} handler`);
  const headers = new Headers({ host: "studio.test", "x-studio-client-address": options.address ?? "10.0.0.1" });
  if (options.origin !== null) headers.set("origin", options.origin ?? testOrigin);
  if (options.sessionToken) headers.set("cookie", `studio_session=${options.sessionToken}`);
  if (options.bearer) headers.set("authorization", `Bearer ${options.bearer}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  const isForm = options.body instanceof FormData;
  // Bytes go as they are (a file upload); anything else as JSON.
  const isBytes = options.body instanceof Uint8Array;
  if (options.body !== undefined && !isForm && !isBytes) headers.set("content-type", "application/json");
  const request = new Request(`${testOrigin}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : isForm
          ? (options.body as FormData)
          : isBytes
            ? (options.body as Uint8Array<ArrayBuffer>)
            : JSON.stringify(options.body),
  });
  return (
    handler as (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>
  )(request, {
    params: Promise.resolve(options.params ?? {}),
  });
}

/** The session token a response set, if it set one. */
export function sessionTokenOf(response: Response): string | undefined {
  const cookie = response.headers.get("set-cookie") ?? "";
  return /studio_session=([^;]*)/.exec(cookie)?.[1] || undefined;
}
