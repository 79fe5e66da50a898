import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as adminUserRoute from "@/app/api/admin/users/[id]/route";
import * as sessionRoute from "@/app/api/auth/session/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as signOutRoute from "@/app/api/auth/sign-out/route";
import * as signUpRoute from "@/app/api/auth/sign-up/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as imagesRoute from "@/app/api/images/route";
import * as removalsRoute from "@/app/api/images/removals/route";
import type { Database } from "@/lib/db/open-database";
import { deleteExpiredSessions, rotationGraceMs, sessionRotationMs } from "@/lib/db/sessions";
import { createApiTokenFor, signUpPerson, testPassword } from "@/test/fixtures/people";
import { callRoute, sessionTokenOf } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

describe.each(["embedded", "postgres"] as const)("accounts on the %s database", (kind) => {
  let database: Database;
  let counter = 0;
  const newEmail = () => `person-${counter++}@example.com`;

  const signUp = (email = newEmail()) => signUpPerson(email);
  const signIn = (email: string, secret: string, address = "10.0.0.2") =>
    callRoute(signInRoute, "POST", "/api/auth/sign-in", { body: { email, password: secret }, address });
  const listTokens = (options: { sessionToken?: string; bearer?: string }) =>
    callRoute(tokensRoute, "GET", "/api/tokens", options);
  /** Any signed-in call, for a token or a session: the caller's image library. */
  const whoAmI = (options: { sessionToken?: string; bearer?: string }) =>
    callRoute(imagesRoute, "GET", "/api/images", options);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it("makes the first account admin and later ones plain users, with emails folded to lower case", async () => {
    const first = await signUp("First@Example.com");
    expect(first.roles).toEqual(["user", "admin"]);
    expect((await signUp()).roles).toEqual(["user"]);
    expect((await signIn("first@example.com", testPassword)).status).toBe(200);
  });

  it("does not say whether an email exists when signing in", async () => {
    const { email } = await signUp();
    const wrongPassword = await signIn(email, "not the password at all");
    const noAccount = await signIn(newEmail(), "not the password at all");
    expect([wrongPassword.status, noAccount.status]).toEqual([401, 401]);
    expect(await wrongPassword.json()).toEqual(await noAccount.json());
  });

  it("refuses short and common passwords, saying why", async () => {
    const short = await callRoute(signUpRoute, "POST", "/api/auth/sign-up", {
      body: { email: newEmail(), password: "short" },
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error.message).toBe("Choose a password of at least 10 characters.");
    const common = await callRoute(signUpRoute, "POST", "/api/auth/sign-up", {
      body: { email: newEmail(), password: "Password123" },
    });
    expect((await common.json()).error.message).toMatch(/most common/);
  });

  it("delays sign-in after 10 wrong passwords, then lets the right one in once the delay passes", async () => {
    const { email } = await signUp();
    const address = `10.1.${kind === "embedded" ? 1 : 2}.1`;
    for (let attempt = 1; attempt <= 10; attempt++)
      expect((await signIn(email, `wrong guess ${attempt}`, address)).status).toBe(401);
    const blocked = await signIn(email, testPassword, address);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // The account is blocked from any address, not only the guessing one.
    expect((await signIn(email, testPassword, "10.9.9.9")).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect((await signIn(email, testPassword, address)).status).toBe(200);
  });

  it("blocks an address that guesses across many accounts", async () => {
    const address = `10.2.${kind === "embedded" ? 1 : 2}.1`;
    for (let attempt = 1; attempt <= 10; attempt++)
      expect((await signIn(newEmail(), "some guess or other", address)).status).toBe(401);
    const { email } = await signUp();
    expect((await signIn(email, testPassword, address)).status).toBe(429);
    expect((await signIn(email, testPassword, "10.3.3.3")).status).toBe(200);
  });

  it("ends a session on sign-out: the copied cookie no longer works", async () => {
    const { sessionToken: token } = await signUp();
    expect((await listTokens({ sessionToken: token })).status).toBe(200);
    const signOut = await callRoute(signOutRoute, "POST", "/api/auth/sign-out", { sessionToken: token });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get("set-cookie")).toMatch(/studio_session=;.*Max-Age=0/);
    expect((await listTokens({ sessionToken: token })).status).toBe(401);
  });

  it("stops a disabled account's session and tokens on their next request", async () => {
    const admin = await signIn("first@example.com", testPassword);
    const adminToken = sessionTokenOf(admin)!;
    const person = await signUp();
    const { secret } = await createApiTokenFor(person, "script");
    expect((await whoAmI({ bearer: secret })).status).toBe(200);

    const disable = await callRoute(adminUserRoute, "PATCH", `/api/admin/users/${person.id}`, {
      sessionToken: adminToken,
      params: { id: person.id },
      body: { disabled: true },
    });
    expect(disable.status).toBe(200);
    expect((await listTokens({ sessionToken: person.sessionToken })).status).toBe(401);
    expect((await whoAmI({ bearer: secret })).status).toBe(401);
    expect((await signIn(person.email, testPassword)).status).toBe(401);
  });

  it("keeps the last admin from removing their own admin role", async () => {
    const admin = sessionTokenOf(await signIn("first@example.com", testPassword))!;
    const me = (await (await callRoute(sessionRoute, "GET", "/api/auth/session", { sessionToken: admin })).json()) as {
      user: { id: string };
    };
    const demote = await callRoute(adminUserRoute, "PATCH", `/api/admin/users/${me.user.id}`, {
      sessionToken: admin,
      params: { id: me.user.id },
      body: { roles: ["user"] },
    });
    expect(demote.status).toBe(409);
    expect((await demote.json()).error.message).toMatch(/last admin/);
  });

  it("rotates a day-old session: a new token works, and the old one only within the grace", async () => {
    const { sessionToken: token } = await signUp();
    const fresh = await callRoute(sessionRoute, "GET", "/api/auth/session", { sessionToken: token });
    expect(fresh.headers.get("set-cookie")).toBeNull();
    await database.prisma.session.updateMany({ data: { rotatedAt: new Date(Date.now() - sessionRotationMs - 1000) } });
    const rotated = await callRoute(sessionRoute, "GET", "/api/auth/session", { sessionToken: token });
    const newToken = sessionTokenOf(rotated);
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(token);
    expect((await listTokens({ sessionToken: newToken })).status).toBe(200);
    expect((await listTokens({ sessionToken: token })).status).toBe(200);
    await database.prisma.session.updateMany({ data: { previousValidUntil: new Date(Date.now() - 1) } });
    expect((await listTokens({ sessionToken: token })).status).toBe(401);
  });

  it("rotates once when parallel requests find the session due, and the replaced token works for the grace only", async () => {
    const { sessionToken: token } = await signUp();
    const mine = await database.prisma.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await database.prisma.session.update({
      where: { id: mine.id },
      data: { rotatedAt: new Date(Date.now() - sessionRotationMs - 1000) },
    });
    const answers = await Promise.all(Array.from({ length: 6 }, () => whoAmI({ sessionToken: token })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const newTokens = answers.map(sessionTokenOf).filter((value): value is string => value !== undefined);
    // Compare and swap: exactly one request replaced the token; the others went through with the one they had.
    expect(newTokens).toHaveLength(1);
    expect((await whoAmI({ sessionToken: newTokens[0] })).status).toBe(200);
    expect((await whoAmI({ sessionToken: token })).status).toBe(200);
    // Once the grace is over, the replaced token is dead, and the current one still works.
    await database.prisma.session.update({
      where: { id: mine.id },
      data: { previousValidUntil: new Date(Date.now() - 1) },
    });
    expect((await whoAmI({ sessionToken: token })).status).toBe(401);
    expect((await whoAmI({ sessionToken: newTokens[0] })).status).toBe(200);
    expect(rotationGraceMs).toBeGreaterThanOrEqual(10_000);
  });

  it("sends the rotated cookie on an error answer too, so a failed request does not sign the person out", async () => {
    const { sessionToken: token } = await signUp();
    const mine = await database.prisma.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await database.prisma.session.update({
      where: { id: mine.id },
      data: { rotatedAt: new Date(Date.now() - sessionRotationMs - 1000) },
    });
    const refused = await callRoute(imagesRoute, "GET", "/api/images?limit=0", { sessionToken: token });
    expect(refused.status).toBe(400);
    const rotated = sessionTokenOf(refused);
    expect(rotated).toBeDefined();
    expect((await whoAmI({ sessionToken: rotated })).status).toBe(200);
  });

  it("ends a session at its absolute end however recently it was used", async () => {
    const { sessionToken: token } = await signUp();
    const mine = await database.prisma.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    // Created 90 days from sign-in by default.
    expect(Math.round((mine.endsAt.getTime() - mine.createdAt.getTime()) / 86_400_000)).toBe(90);
    await database.prisma.session.update({
      where: { id: mine.id },
      data: { endsAt: new Date(Date.now() - 1000), expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect((await whoAmI({ sessionToken: token })).status).toBe(401);
  });

  it("lets an API token carry an expiry, after which it stops working", async () => {
    const { sessionToken: token } = await signUp();
    const created = await callRoute(tokensRoute, "POST", "/api/tokens", {
      sessionToken: token,
      body: { name: "nightly", expiresInDays: 7 },
    });
    expect(created.status).toBe(201);
    const { secret, token: record } = (await created.json()) as {
      secret: string;
      token: { id: string; expiresAt: string };
    };
    expect(Math.round((new Date(record.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(7);
    expect((await whoAmI({ bearer: secret })).status).toBe(200);
    await database.prisma.apiToken.update({
      where: { id: record.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await whoAmI({ bearer: secret });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toMatch(/has expired/);
    const bad = await callRoute(tokensRoute, "POST", "/api/tokens", {
      sessionToken: token,
      body: { name: "x", expiresInDays: 0 },
    });
    expect(bad.status).toBe(400);
  });

  it("does not let an API token create or list tokens: that takes a signed-in session", async () => {
    const { secret } = await createApiTokenFor(await signUp(), "script");
    for (const answer of [
      await listTokens({ bearer: secret }),
      await callRoute(tokensRoute, "POST", "/api/tokens", { bearer: secret, origin: null, body: { name: "child" } }),
    ]) {
      expect(answer.status).toBe(403);
      expect((await answer.json()).error.message).toMatch(/signed-in session/);
    }
    expect(await database.prisma.apiToken.count({ where: { name: "child" } })).toBe(0);
  });

  it("sweeps expired sessions, which no longer work", async () => {
    const { sessionToken: token } = await signUp();
    await database.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await listTokens({ sessionToken: token })).status).toBe(401);
    expect(await deleteExpiredSessions(database)).toBeGreaterThan(0);
    expect(await database.prisma.session.count()).toBe(0);
  });

  it("refuses cookie-borne changes from other sites, and lets API tokens through", async () => {
    const person = await signUp();
    const crossSite = await callRoute(tokensRoute, "POST", "/api/tokens", {
      sessionToken: person.sessionToken,
      origin: "https://evil.example",
      body: { name: "x" },
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await callRoute(tokensRoute, "POST", "/api/tokens", {
      sessionToken: person.sessionToken,
      origin: null,
      body: { name: "x" },
    });
    expect(noOrigin.status).toBe(403);
    const { secret, id } = await createApiTokenFor(person, "x");
    const viaToken = await callRoute(removalsRoute, "POST", "/api/images/removals", {
      bearer: secret,
      origin: null,
      body: { imageIds: [crypto.randomUUID()] },
    });
    expect(viaToken.status).toBe(200);

    const revoke = await callRoute(tokenRoute, "DELETE", `/api/tokens/${id}`, {
      sessionToken: person.sessionToken,
      params: { id },
    });
    expect(revoke.status).toBe(204);
    const dead = await whoAmI({ bearer: secret });
    expect(dead.status).toBe(401);
    expect((await dead.json()).error.message).toMatch(/not valid/);
  });

  it("answers a malformed body with a 400 the form can show as it is", async () => {
    const response = await callRoute(signUpRoute, "POST", "/api/auth/sign-up", {
      body: { email: "not-an-email", password: testPassword },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: "Enter an email address." } });
    const noPassword = await callRoute(signInRoute, "POST", "/api/auth/sign-in", {
      body: { email: newEmail(), password: "" },
    });
    expect(await noPassword.json()).toEqual({ error: { code: "bad_request", message: "Enter your password." } });
    const unnamedToken = await callRoute(tokensRoute, "POST", "/api/tokens", {
      sessionToken: (await signUp()).sessionToken,
      body: { name: " " },
    });
    expect(await unnamedToken.json()).toEqual({ error: { code: "bad_request", message: "Give the token a name." } });
  });
});
