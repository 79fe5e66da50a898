import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import * as invitationRoute from "@/app/api/admin/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/admin/invitations/route";
import * as passwordLinkRoute from "@/app/api/admin/users/[id]/password-link/route";
import * as usersRoute from "@/app/api/admin/users/route";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as signUpRoute from "@/app/api/auth/sign-up/route";
import * as imagesRoute from "@/app/api/images/route";
import type { Database } from "@/lib/db/open-database";
import { setEnvironment, setEnvironmentForSuite } from "@/test/fixtures/environment";
import { testPassword } from "@/test/fixtures/people";
import { callRoute, sessionTokenOf } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * SIGN_UP=open|invite|closed as people meet it: who can make an account,
 * invitations made and spent on the Admin page's API, accounts an admin
 * makes with a one-time password link, and the limit on open sign-ups from
 * one address.
 */

/** SIGN_UP (and SIGN_UPS_PER_ADDRESS) for the rest of the running test; every test starts with sign-up open. */
function usePolicy(policy: "open" | "invite" | "closed", perAddress?: number) {
  onTestFinished(
    setEnvironment({
      SIGN_UP: policy,
      SIGN_UPS_PER_ADDRESS: perAddress === undefined ? undefined : String(perAddress),
    }),
  );
}

describe.each(["embedded", "postgres"] as const)("sign-up policy on the %s database", (kind) => {
  let database: Database;
  let admin: string;
  let counter = 0;
  const newEmail = () => `person-${counter++}@example.com`;

  const signUp = (body: Record<string, unknown>, address = "10.0.0.1") =>
    callRoute(signUpRoute, "POST", "/api/auth/sign-up", {
      body: { email: newEmail(), password: testPassword, ...body },
      address,
    });
  const signIn = (email: string) =>
    callRoute(signInRoute, "POST", "/api/auth/sign-in", {
      body: { email, password: testPassword },
      address: "10.0.0.9",
    });
  const messageOf = async (response: Response) =>
    ((await response.json()) as { error: { code: string; message: string } }).error;
  const invite = async (body: Record<string, unknown> = {}) => {
    const response = await callRoute(invitationsRoute, "POST", "/api/admin/invitations", { sessionToken: admin, body });
    expect(response.status).toBe(201);
    const json = (await response.json()) as { invitation: { id: string; roles: string[] }; url: string };
    return { ...json, token: new URL(json.url).searchParams.get("invitation")! };
  };
  const openInvitations = async () => {
    const response = await callRoute(invitationsRoute, "GET", "/api/admin/invitations", { sessionToken: admin });
    return (await response.json()) as { signUp: { policy: string }; invitations: { id: string; note: string }[] };
  };

  setEnvironmentForSuite({ SIGN_UP: "open", SIGN_UPS_PER_ADDRESS: undefined });
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    // The installation's first account can always be made, whatever the policy, and becomes admin.
    const reopenSignUp = setEnvironment({ SIGN_UP: "closed" });
    const first = await callRoute(signUpRoute, "POST", "/api/auth/sign-up", {
      body: { email: "boss@example.com", password: testPassword },
    });
    reopenSignUp();
    expect(first.status).toBe(201);
    expect(((await first.json()) as { user: { roles: string[] } }).user.roles).toEqual(["user", "admin"]);
    admin = sessionTokenOf(first)!;
  });
  afterAll(async () => {
    await database.close();
  });

  it("closed: nobody signs up after the first account, invitations included", async () => {
    usePolicy("closed");
    const { token } = await invite();
    for (const response of [await signUp({}), await signUp({ invitation: token })]) {
      expect(response.status).toBe(403);
      expect((await messageOf(response)).message).toMatch(/made by an administrator/);
    }
    expect((await openInvitations()).signUp.policy).toBe("closed");
  });

  it("closed: an admin makes an account, and its person sets a password through the one-time link", async () => {
    usePolicy("closed");
    const email = newEmail();
    const made = await callRoute(usersRoute, "POST", "/api/admin/users", {
      sessionToken: admin,
      body: { email, roles: ["researcher"] },
    });
    expect(made.status).toBe(201);
    const { user, passwordLink } = (await made.json()) as {
      user: { id: string; roles: string[]; passwordSet: boolean };
      passwordLink: { url: string };
    };
    expect(user).toMatchObject({ roles: ["user", "researcher"], passwordSet: false });
    expect(new URL(passwordLink.url).pathname).toBe("/set-password");
    const token = new URL(passwordLink.url).searchParams.get("token")!;

    // No password yet: signing in fails like a wrong password.
    expect((await signIn(email)).status).toBe(401);
    const tooShort = await callRoute(passwordRoute, "POST", "/api/auth/password", {
      body: { token, password: "short" },
    });
    expect(tooShort.status).toBe(400);

    const set = await callRoute(passwordRoute, "POST", "/api/auth/password", {
      body: { token, password: testPassword },
    });
    expect(set.status).toBe(200);
    const session = sessionTokenOf(set)!;
    expect((await callRoute(imagesRoute, "GET", "/api/images", { sessionToken: session })).status).toBe(200);
    expect((await signIn(email)).status).toBe(200);

    const again = await callRoute(passwordRoute, "POST", "/api/auth/password", {
      body: { token, password: "another long passphrase" },
    });
    expect(again.status).toBe(403);
    expect((await messageOf(again)).message).toMatch(/used already or it expired/);

    const listed = (await (await callRoute(usersRoute, "GET", "/api/admin/users", { sessionToken: admin })).json()) as {
      users: { email: string; passwordSet: boolean }[];
    };
    expect(listed.users.find((entry) => entry.email === email)?.passwordSet).toBe(true);
    expect(
      (await callRoute(usersRoute, "POST", "/api/admin/users", { sessionToken: admin, body: { email } })).status,
    ).toBe(409);
  });

  it("a new password link replaces the old one and signs out whoever held the old password", async () => {
    const email = newEmail();
    const first = await signUp({ email });
    const oldSession = sessionTokenOf(first)!;
    const { user } = (await first.json()) as { user: { id: string } };
    const linkOf = async () => {
      const response = await callRoute(passwordLinkRoute, "POST", `/api/admin/users/${user.id}/password-link`, {
        sessionToken: admin,
        params: { id: user.id },
        body: {},
      });
      expect(response.status).toBe(201);
      return new URL(((await response.json()) as { url: string }).url).searchParams.get("token")!;
    };
    const replaced = await linkOf();
    const current = await linkOf();
    expect(
      (
        await callRoute(passwordRoute, "POST", "/api/auth/password", {
          body: { token: replaced, password: "a brand new passphrase" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await callRoute(passwordRoute, "POST", "/api/auth/password", {
          body: { token: current, password: "a brand new passphrase" },
        })
      ).status,
    ).toBe(200);
    expect((await callRoute(imagesRoute, "GET", "/api/images", { sessionToken: oldSession })).status).toBe(401);
    expect((await signIn(email)).status).toBe(401);
  });

  it("invite: sign-up needs an invitation, which gives its roles and works once", async () => {
    usePolicy("invite");
    const without = await signUp({});
    expect(without.status).toBe(403);
    expect((await messageOf(without)).message).toMatch(/needs an invitation/);

    const { invitation, token, url } = await invite({ roles: ["researcher"], note: "Ana, lab intern" });
    expect(new URL(url).pathname).toBe("/sign-up");
    expect((await openInvitations()).invitations.map((entry) => entry.note)).toContain("Ana, lab intern");

    const welcomed = await signUp({ invitation: token });
    expect(welcomed.status).toBe(201);
    expect(((await welcomed.json()) as { user: { roles: string[] } }).user.roles).toEqual(["user", "researcher"]);
    expect((await openInvitations()).invitations.map((entry) => entry.id)).not.toContain(invitation.id);

    const twice = await signUp({ invitation: token });
    expect(twice.status).toBe(403);
    expect((await messageOf(twice)).message).toMatch(/used already, withdrawn, or it expired/);
  });

  it("invite: a withdrawn, expired or made-up invitation is refused, and spending one is all or nothing", async () => {
    usePolicy("invite");
    const withdrawn = await invite();
    const revoke = await callRoute(invitationRoute, "DELETE", `/api/admin/invitations/${withdrawn.invitation.id}`, {
      sessionToken: admin,
      params: { id: withdrawn.invitation.id },
    });
    expect(revoke.status).toBe(204);
    expect((await signUp({ invitation: withdrawn.token })).status).toBe(403);

    const expired = await invite();
    await database.prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await signUp({ invitation: expired.token })).status).toBe(403);
    expect((await signUp({ invitation: "inv_made-up" })).status).toBe(403);

    // A taken email does not spend the invitation.
    const kept = await invite();
    expect((await signUp({ email: "boss@example.com", invitation: kept.token })).status).toBe(409);
    expect((await signUp({ invitation: kept.token })).status).toBe(201);
  });

  it("invite: of two sign-ups racing for one invitation, exactly one gets in", async () => {
    usePolicy("invite");
    const { token } = await invite();
    const statuses = (
      await Promise.all([signUp({ invitation: token }), signUp({ invitation: token }), signUp({ invitation: token })])
    ).map((response) => response.status);
    expect(statuses.sort()).toEqual([201, 403, 403]);
  });

  it("open: successful sign-ups from one address are limited per hour; another address and invitations are not held back", async () => {
    usePolicy("open", 3);
    const address = "192.0.2.44";
    for (let index = 0; index < 3; index++) expect((await signUp({}, address)).status).toBe(201);
    const fourth = await signUp({}, address);
    expect(fourth.status).toBe(429);
    expect((await messageOf(fourth)).message).toMatch(/at most 3/);
    expect(fourth.headers.get("retry-after")).not.toBeNull();
    expect((await signUp({}, "192.0.2.45")).status).toBe(201);
    const { token } = await invite({ roles: ["annotator"] });
    const invited = await signUp({ invitation: token }, address);
    expect(invited.status).toBe(201);
    expect(((await invited.json()) as { user: { roles: string[] } }).user.roles).toEqual(["user", "annotator"]);
  });
});
