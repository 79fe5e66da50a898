import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { defineRoute, type RouteHandler } from "./define-route";
import { notFoundUnless, rowId } from "./row-id";

// Read once, at the first request: the host the requests below are sent to, and a 1 KB JSON bound.
vi.stubEnv("PUBLIC_URL", "http://studio.test");
vi.stubEnv("JSON_BODY_MAX_KB", "1");

const id = "3f0c2b8e-9a51-4c1e-8d0a-2b7f3c4d5e6f";

// "unauthenticated" routes look nobody up, so these run without a database.
const echo = defineRoute(
  {
    access: "unauthenticated",
    params: { id: "assessment" },
    query: z.object({ limit: z.coerce.number().int().max(100, "must be at most 100").default(20) }),
    body: z.object({
      name: z.string().min(1, "Give it a name."),
      runId: z.string().pipe(rowId("evaluation run")).optional(),
    }),
  },
  async ({ params, query, body, actor }) => {
    expectTypeOf(params).toEqualTypeOf<{ id: string }>();
    expectTypeOf(query).toEqualTypeOf<{ limit: number }>();
    expectTypeOf(body).toEqualTypeOf<{ name: string; runId?: string | undefined }>();
    expectTypeOf(actor).toEqualTypeOf<null>();
    return Response.json({ params, query, body });
  },
);

const picture = defineRoute(
  {
    access: "unauthenticated",
    params: { variant: notFoundUnless(z.enum(["thumb", "original"]), "No such variant."), id: "image" },
  },
  async ({ params }) => Response.json(params),
);

async function call(
  handler: RouteHandler,
  options: { path?: string; params?: Record<string, string>; body?: string; host?: string } = {},
) {
  const request = new Request(`http://studio.test${options.path ?? `/api/things/${id}`}`, {
    method: "POST",
    headers: { host: options.host ?? "studio.test" },
    body: options.body ?? JSON.stringify({ name: "Ada" }),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? { id }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("a route made by defineRoute", () => {
  it("hands its handler the path, query and body it declared, parsed", async () => {
    expect(await call(echo)).toEqual({
      status: 200,
      body: { params: { id }, query: { limit: 20 }, body: { name: "Ada" } },
    });
  });

  it("answers a malformed id as the missing row it names", async () => {
    for (const malformed of ["not-a-uuid", `${id}x`, "1"]) {
      expect(await call(echo, { params: { id: malformed } })).toEqual({
        status: 404,
        body: { error: { code: "not_found", message: "No such assessment." } },
      });
    }
  });

  it("answers an id in the body that cannot be one as a missing row too", async () => {
    expect(await call(echo, { body: JSON.stringify({ name: "Ada", runId: "nope" }) })).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "No such evaluation run." } },
    });
  });

  it("names the bad query parameter or body field in a 400", async () => {
    expect((await call(echo, { path: `/api/things/${id}?limit=500` })).body).toEqual({
      error: { code: "bad_request", message: "limit: must be at most 100" },
    });
    expect((await call(echo, { body: JSON.stringify({ name: "" }) })).body).toEqual({
      error: { code: "bad_request", message: "Give it a name." },
    });
    expect((await call(echo, { body: "{not json" })).status).toBe(400);
  });

  it("checks the input before the path's ids, as a handler looking the row up would", async () => {
    expect((await call(echo, { params: { id: "nope" }, body: JSON.stringify({}) })).status).toBe(400);
  });

  it("refuses a JSON body past its bound with a 413", async () => {
    const response = await call(echo, { body: JSON.stringify({ name: "x".repeat(2000) }) });
    expect(response.status).toBe(413);
  });

  it("checks path parameters in the order they are declared", async () => {
    expect((await call(picture, { params: { variant: "huge", id: "nope" } })).body).toEqual({
      error: { code: "not_found", message: "No such variant." },
    });
    expect((await call(picture, { params: { variant: "thumb", id: "nope" } })).body).toEqual({
      error: { code: "not_found", message: "No such image." },
    });
    expect((await call(picture, { params: { variant: "thumb", id } })).body).toEqual({ variant: "thumb", id });
  });

  it("answers nothing to a Host that is not ours", async () => {
    expect((await call(echo, { host: "evil.example" })).status).toBe(400);
  });
});

describe("the types a route's declaration gives its handler", () => {
  it("has an actor on capability routes, maybe one on public routes", () => {
    defineRoute({ access: "own-data" }, async ({ actor, via, params }) => {
      expectTypeOf(actor).toEqualTypeOf<Actor>();
      expectTypeOf(via).toEqualTypeOf<"session" | "token">();
      expectTypeOf(params).toEqualTypeOf<Record<never, never>>();
      return new Response();
    });
    defineRoute({ access: "public" }, async ({ actor }) => {
      expectTypeOf(actor).toEqualTypeOf<Actor | null>();
      return new Response();
    });
    // @ts-expect-error: there is no such kind of row
    defineRoute({ access: "own-data", params: { id: "assesment" } }, async () => new Response());
    // @ts-expect-error: there is no such capability
    defineRoute({ access: "everything" }, async () => new Response());
  });
});
