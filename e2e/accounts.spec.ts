import { expect, type Page, test } from "@playwright/test";
import { type StudioProcess, startStudio } from "./support/studio-process";

const password = "a long and unusual passphrase";
let studio: StudioProcess;

// Its own server: "the first account becomes admin" needs a database with no accounts yet.
test.beforeAll(async () => {
  studio = await startStudio();
});
test.afterAll(async () => {
  await studio.stop();
});

async function signUp(page: Page, email: string) {
  await page.goto(`${studio.url}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: `Account: ${email}` })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function signIn(page: Page, email: string, secret = password) {
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign up, sign out and sign in through the pages; the first account is admin and makes another a researcher", async ({
  page,
}) => {
  await signUp(page, "ada@example.com");
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  await signOut(page);

  await signUp(page, "grace@example.com");
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto(`${studio.url}/benchmarks`);
  await expect(page.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
  await expect(page.getByText("It needs the researcher role.")).toBeVisible();
  await signOut(page);

  await signIn(page, "ada@example.com", "not the password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is wrong.");
  await signIn(page, "ada@example.com");
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
  const researcher = page.getByRole("checkbox", { name: "researcher role for grace@example.com" });
  await expect(researcher).not.toBeChecked();
  await researcher.check();
  await expect(researcher).toBeChecked();
  await signOut(page);

  await signIn(page, "grace@example.com");
  await expect(page.getByRole("link", { name: "Account: grace@example.com" })).toBeVisible();
  await page.goto(`${studio.url}/benchmarks`);
  await expect(page.getByRole("heading", { level: 1, name: "Benchmarks" })).toBeVisible();
});

test("a new API token is shown once and works as a bearer token until revoked", async ({ page, request }) => {
  const email = `scripts-${Date.now()}@example.com`;
  await signUp(page, email);
  await page.getByRole("link", { name: `Account: ${email}` }).click();
  await page.getByLabel("New token's name").fill("evaluation script");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
  expect(secret).toMatch(/^pts_/);

  const asScript = await request.get(`${studio.url}/api/auth/session`, {
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect((await asScript.json()).user.email).toBe(email);

  await page.getByRole("button", { name: "Revoke evaluation script" }).click();
  await expect(page.getByRole("cell", { name: "Revoked" })).toBeVisible();
  // A revoked token's secret is of no use: it leaves the page.
  await expect(page.getByTestId("new-token-secret")).toHaveCount(0);
  const revoked = await request.get(`${studio.url}/api/tokens`, { headers: { Authorization: `Bearer ${secret}` } });
  expect(revoked.status()).toBe(401);
});

test("an address guessing across accounts is slowed down, however it forges X-Forwarded-For", async ({ request }) => {
  // Each guess claims a different address; all come from this one socket.
  const guess = (attempt: number) =>
    request.post(`${studio.url}/api/auth/sign-in`, {
      headers: { Origin: studio.url, "X-Forwarded-For": `203.0.113.${attempt}` },
      data: { email: `nobody-${attempt}@example.com`, password: "a guess that fails" },
    });
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= 11 && !statuses.includes(429); attempt++)
    statuses.push((await guess(attempt)).status());
  // Earlier tests in this file may already have spent some of the ten free failures.
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
  expect(statuses.length).toBeLessThanOrEqual(11);
  const blocked = await guess(99);
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
});
