import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { describeIssue } from "@/lib/http/describe-issue";
import { errorResponse } from "@/lib/http/error-response";
import { assertAllowedHost } from "@/lib/http/assert-allowed-host";
import { readBoundedJson } from "@/lib/http/read-bounded-body";
import { type Authentication, authenticate, readBearer } from "./authenticate";
import { type Actor, can, type Capability, roleGranting } from "./policy";
import { assertSameOrigin } from "./same-origin";
import { readSessionToken, sessionCookie } from "./session-cookie";

/**
 * Every API route handler is made here, and says who may call it: "public",
 * or the capability it needs. Authentication, the access rule, the
 * cross-site check for cookie-borne mutations, session rotation and JSON
 * errors all happen in this one place.
 */

type RouteContext<Params> = { params: Promise<Params> };

type Handler<Params, Access> = (input: {
  request: Request;
  params: Params;
  database: Database;
  actor: Access extends "public" ? Actor | null : Actor;
  /** How the caller proved who they are: a signed-in browser's session, or an API token. */
  via: "session" | "token" | null;
}) => Promise<Response>;

const isMutation = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);

export function route<Access extends "public" | Capability, Params = Record<string, never>>(
  access: Access,
  handler: Handler<Params, Access>,
): (request: Request, context: RouteContext<Params>) => Promise<Response> {
  return async (request, context) => {
    // A rotated token reaches the browser on every answer, errors included, or the person is signed out once the grace ends.
    let authentication: Authentication | null = null;
    const withRotatedCookie = (response: Response) => {
      if (authentication?.rotated && !response.headers.has("set-cookie")) {
        response.headers.append(
          "Set-Cookie",
          sessionCookie(request, authentication.rotated.token, authentication.rotated.expiresAt),
        );
      }
      return response;
    };
    try {
      assertAllowedHost(request);
      const database = await getDatabase();
      const bearer = readBearer(request);
      authentication = await authenticate(database, { bearer, sessionToken: readSessionToken(request) });
      if (isMutation(request.method) && bearer === null) assertSameOrigin(request);
      const actor = authentication?.actor ?? null;
      if (access !== "public") {
        if (!actor) throw new AppError("unauthorized", "Sign in first.");
        const capability: Capability = access;
        if (!can(actor, capability))
          throw new AppError("forbidden", `This needs the ${roleGranting[capability]} role.`);
      }
      return withRotatedCookie(
        await handler({
          request,
          params: await context.params,
          database,
          actor: actor as Actor,
          via: authentication?.via ?? null,
        }),
      );
    } catch (error) {
      return withRotatedCookie(errorResponse(error));
    }
  };
}

type Schema<T> = {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/** Validates input, answering a 400 about the first bad field (worded by describeIssue). */
function parseOrRefuse<T>(schema: Schema<T>, value: unknown, whole: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError("bad_request", describeIssue(parsed.error.issues[0]!, whole));
}

/**
 * Reads a JSON body of at most `JSON_BODY_MAX_KB` (a 413 past it, before the
 * rest is read) and validates it; a bad body is a 400 that names the field.
 */
export async function readJsonBody<T>(request: Request, schema: Schema<T>): Promise<T> {
  return parseOrRefuse(schema, await readBoundedJson(request, getConfig().bodyLimits.jsonBytes), "body");
}

/** Reads the query string and validates it; a bad value is a 400 that names the parameter. */
export function readSearchParams<T>(request: Request, schema: Schema<T>): T {
  return parseOrRefuse(schema, Object.fromEntries(new URL(request.url).searchParams), "query");
}
