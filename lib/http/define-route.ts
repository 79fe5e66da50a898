import "server-only";
import { z } from "zod";
import { type Authentication, authenticate, readBearer } from "@/lib/auth/authenticate";
import { type Actor, can, type Capability, roleGranting } from "@/lib/auth/policy";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { readSessionToken, sessionCookie } from "@/lib/auth/session-cookie";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { assertAllowedHost } from "./assert-allowed-host";
import { describeIssue } from "./describe-issue";
import { errorResponse } from "./error-response";
import { readBoundedJson } from "./read-bounded-body";
import { isNotFoundIssue, type RowKind, rowId } from "./row-id";

/**
 * Who may call a route: anyone ("public": the caller is still looked up, and
 * their session rotated); anyone, without looking them up ("unauthenticated":
 * no database, no cookie read, for a probe that must answer while the
 * database does not); or whoever holds the capability.
 */
export type Access = "public" | "unauthenticated" | Capability;

/** Path parameters: each the kind of row its segment names (a UUID), or a schema for the segment as Next gives it. */
type ParamsSpec = Record<string, RowKind | z.ZodType>;

type Via = "session" | "token";

/** What the handler knows of its caller: a capability route always has someone, a public one may not. */
type Caller<A extends Access> = A extends "unauthenticated"
  ? { actor: null; via: null }
  : {
      database: Database;
      actor: A extends "public" ? Actor | null : Actor;
      /** How the caller proved who they are: a signed-in browser's session, or an API token. */
      via: A extends "public" ? Via | null : Via;
    };

type ParamsOf<P> = P extends z.ZodType
  ? z.output<P>
  : { [K in keyof P]: P[K] extends z.ZodType ? z.output<P[K]> : string };

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteInput<A extends Access, P, Q, B> = {
  request: Request;
  params: ParamsOf<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
} & Caller<A>;

export type RouteSpec<A extends Access, P, Q, B> = {
  access: A;
  /** A record of row kinds and schemas (`{ id: "assessment" }`), or a zod object. */
  params?: P;
  /** Parsed from the search parameters; a bad value is a 400 naming it. */
  query?: Q;
  /** JSON of at most JSON_BODY_MAX_KB (a 413 past it); a bad field is a 400 naming it. Multipart or raw bodies declare none. */
  body?: B;
};

/** A handler as Next calls it (test/route-harness.ts calls it the same way). */
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

const isMutation = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);

/**
 * Validates what a request carries. The first bad field decides the answer:
 * an id that cannot name a row (see row-id.ts), or any path that does not
 * parse, is the 404 a missing row gets; anything else is a 400 worded by
 * describeIssue.
 */
function parse<S extends z.ZodType>(schema: S, value: unknown, whole: "params" | "query" | "body"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const code = whole === "params" || isNotFoundIssue(issue) ? "not_found" : "bad_request";
  throw new AppError(code, describeIssue(issue, whole));
}

function toParamsSchema(spec: ParamsSpec | z.ZodType): z.ZodType {
  if (spec instanceof z.ZodType) return spec;
  return z.object(
    Object.fromEntries(
      Object.entries(spec).map(([name, kind]) => [name, typeof kind === "string" ? rowId(kind) : kind]),
    ),
  );
}

/** Refuses a cross-site mutation that rides on a cookie, then applies the access rule: 401 for nobody, 403 without the capability. */
function authorize(request: Request, access: "public" | Capability, hasBearer: boolean, actor: Actor | null): void {
  if (isMutation(request.method) && !hasBearer) assertSameOrigin(request);
  if (access === "public") return;
  if (!actor) throw new AppError("unauthorized", "Sign in first.");
  if (!can(actor, access)) throw new AppError("forbidden", `This needs the ${roleGranting[access]} role.`);
}

/**
 * Makes every API route handler. One declaration says who may call the route
 * and what it reads, so that no handler can forget either: the Host check,
 * authentication, the access rule (lib/auth/policy.ts), the cross-site check
 * for cookie-borne mutations and session rotation happen here, and then
 * everything the handler is given has been validated, in the order handlers
 * read them before: the query, the JSON body, then the path's ids. A
 * malformed id is answered as the missing row it names (404, the lib/server
 * lookup's own message), after the input's checks, as a missing row would be;
 * lib/server can look ids up without checking their form. Whatever is
 * thrown becomes the JSON error body, and a rotated session cookie rides on
 * every answer, errors included. Types flow from the declaration: `actor` is
 * an `Actor` on capability routes, `query` and `body` their schemas' output.
 *
 * @example
 * export const PATCH = defineRoute(
 *   { access: "own-data", params: { id: "reference set" }, body: referenceSetChangeSchema },
 *   async ({ params, body, database, actor }) => Response.json(await change(database, actor, params.id, body)),
 * );
 */
export function defineRoute<
  A extends Access,
  P extends ParamsSpec | z.ZodType = Record<never, never>,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B>, handler: (input: RouteInput<A, P, Q, B>) => Promise<Response>): RouteHandler;
// The access rule is what makes the caller the Caller<A> the declaration promises; the implementation sees them all.
export function defineRoute(
  spec: RouteSpec<Access, ParamsSpec | z.ZodType, z.ZodType | undefined, z.ZodType | undefined>,
  handler: (
    input: { request: Request; params: unknown; query: unknown; body: unknown } & Caller<Access>,
  ) => Promise<Response>,
): RouteHandler {
  const paramsSchema = spec.params === undefined ? undefined : toParamsSchema(spec.params);
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
      let caller: Caller<Access> = { actor: null, via: null };
      if (spec.access !== "unauthenticated") {
        const database = await getDatabase();
        const bearer = readBearer(request);
        authentication = await authenticate(database, { bearer, sessionToken: readSessionToken(request) });
        authorize(request, spec.access, bearer !== null, authentication?.actor ?? null);
        caller = { database, actor: authentication?.actor ?? null, via: authentication?.via ?? null };
      }
      const query = spec.query && parse(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const body =
        spec.body && parse(spec.body, await readBoundedJson(request, getConfig().bodyLimits.jsonBytes), "body");
      const params = paramsSchema ? parse(paramsSchema, await context.params, "params") : {};
      return withRotatedCookie(await handler({ request, params, query, body, ...caller }));
    } catch (error) {
      return withRotatedCookie(errorResponse(error));
    }
  };
}
