import { type Browser, expect, type Page, test } from "@playwright/test";
import { type StudioProcess, startStudio } from "./support/studio-process";
import { signUpThroughApi, testPassword } from "./support/sign-up";

/**
 * A server that takes accounts by invitation only (SIGN_UP=invite), as its
 * admin and the people they let in meet it: the Admin page says the policy,
 * makes an invitation link with a role preset and lists it; the sign-up page
 * turns strangers away and welcomes the invited once; an account made by the
 * admin gets its password through a one-time link.
 */

let studio: StudioProcess;

test.beforeAll(async () => {
  studio = await startStudio({ SIGN_UP: "invite" });
});
test.afterAll(async () => {
  await studio?.stop();
});

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("invitations and password links let people in where sign-up is by invitation", async ({ browser }, testInfo) => {
  const admin = await freshPage(browser);
  // The installation's first account needs no invitation, and becomes admin.
  await signUpThroughApi(admin, studio, "boss@example.com");

  const stranger = await freshPage(browser);
  await stranger.goto(`${studio.url}/`);
  await expect(stranger.getByRole("link", { name: "Sign up" })).toBeVisible();
  await stranger.goto(`${studio.url}/sign-up`);
  await expect(stranger.getByRole("heading", { name: "Sign-up needs an invitation" })).toBeVisible();
  await expect(stranger.getByRole("button", { name: "Create account" })).toHaveCount(0);

  await admin.goto(`${studio.url}/admin`);
  await expect(admin.getByText(/By invitation \(SIGN_UP=invite\)/)).toBeVisible();
  await expect(admin.getByText("None: every invitation has been used, withdrawn or has expired.")).toBeVisible();
  const invitationForm = admin.getByRole("form", { name: "New invitation" });
  await invitationForm.getByLabel("researcher").check();
  await invitationForm.getByLabel("For whom (your note)").fill("Ana, lab intern");
  await invitationForm.getByRole("button", { name: "Make invitation link" }).click();
  const linkField = admin.getByLabel(/Hand this link over yourself/);
  await expect(linkField).toBeFocused();
  const invitationUrl = await linkField.inputValue();
  expect(new URL(invitationUrl).pathname).toBe("/sign-up");
  await expect(admin.getByRole("cell", { name: "Ana, lab intern", exact: true })).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath("admin-sign-up.png"), fullPage: true });

  const invited = await freshPage(browser);
  await invited.goto(invitationUrl);
  await expect(
    invited.getByText("You were invited to join as researcher. Choose your email and password."),
  ).toBeVisible();
  await invited.screenshot({ path: testInfo.outputPath("invited-sign-up.png"), fullPage: true });
  await invited.getByLabel("Email").fill("ana@example.com");
  await invited.getByLabel("Password").fill(testPassword);
  await invited.getByRole("button", { name: "Create account" }).click();
  await expect(invited.getByRole("link", { name: "Account: ana@example.com" })).toBeVisible();
  const roles = await invited.evaluate(
    async () => ((await (await fetch("/api/auth/session")).json()) as { user: { roles: string[] } }).user.roles,
  );
  expect(roles).toEqual(["user", "researcher"]);

  // The link worked once; the invitation has left the admin's list.
  const latecomer = await freshPage(browser);
  await latecomer.goto(invitationUrl);
  await expect(latecomer.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await expect(latecomer.getByText(/has been used already/)).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("cell", { name: "Ana, lab intern", exact: true })).toHaveCount(0);

  // An account the admin makes: no password until its person opens the link.
  await admin.getByLabel("Email").fill("bo@example.com");
  await admin.getByRole("button", { name: "Make account" }).click();
  const passwordField = admin.getByLabel(/Hand this link over yourself/);
  await expect(passwordField).toBeFocused();
  const passwordUrl = await passwordField.inputValue();
  await expect(admin.getByRole("row", { name: /bo@example\.com/ }).getByText("not set yet")).toBeVisible();

  const bo = await freshPage(browser);
  await bo.goto(passwordUrl);
  await expect(bo.getByText("For bo@example.com.", { exact: false })).toBeVisible();
  await bo.getByLabel("New password").fill(testPassword);
  await bo.getByLabel("Repeat the password").fill("a different passphrase here");
  await bo.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(bo.getByRole("alert").filter({ hasText: "differ" })).toHaveText(
    "The two passwords differ: type the same one twice.",
  );
  await bo.getByLabel("Repeat the password").fill(testPassword);
  await bo.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(bo.getByRole("link", { name: "Account: bo@example.com" })).toBeVisible();
  await bo.goto(passwordUrl);
  await expect(bo.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
});

test("a closed server offers visitors no sign-up, and says whom to ask", async ({ browser }) => {
  const closed = await startStudio({ SIGN_UP: "closed" });
  try {
    const first = await freshPage(browser);
    await first.goto(`${closed.url}/sign-up`);
    // No account yet: the first one can always be made.
    await expect(
      first.getByText("This is the installation's first account: it becomes the administrator."),
    ).toBeVisible();
    await signUpThroughApi(first, closed, "boss@example.com");

    const visitor = await freshPage(browser);
    await visitor.goto(`${closed.url}/`);
    await expect(visitor.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(visitor.getByRole("link", { name: "Sign up" })).toHaveCount(0);
    await visitor.goto(`${closed.url}/sign-up`);
    await expect(visitor.getByRole("heading", { name: "Accounts are made by an administrator" })).toBeVisible();
  } finally {
    await closed.stop();
  }
});
