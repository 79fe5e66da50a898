import { expect, type Page, test } from "@playwright/test";

/** Signs a new person up in the page's context (after it opened a page of ours): the health panel details the database and the assessor to signed-in people only. */
async function signUpSomeone(page: Page, name: string) {
  const response = await page.request.post("/api/auth/sign-up", {
    headers: { Origin: new URL(page.url()).origin },
    data: { email: `${name}-${Date.now()}@example.com`, password: "a long and unusual passphrase" },
  });
  expect(response.status()).toBe(201);
}

test.describe("home page", () => {
  test("shows the product, its areas and a healthy embedded database", async ({ page }) => {
    await page.goto("/");
    // A visitor sees the overall status alone.
    await expect(page.getByRole("region", { name: "System health" })).toContainText(
      "Sign in to see the database and the assessor.",
    );
    await signUpSomeone(page, "home");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "PreferThinker Studio" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const area of ["Assess", "History", "Benchmarks", "Annotate"]) {
      await expect(nav.getByRole("link", { name: area })).toBeVisible();
    }
    const health = page.getByRole("region", { name: "System health" });
    await expect(health.getByText("Embedded PostgreSQL (PGlite): answering")).toBeVisible();
    await expect(health.getByText("Built-in baseline assessor: ready")).toBeVisible();
    await expect(health.getByText(/set MODEL_API_URL/i)).toBeVisible();
    await expect(page.getByTestId("installation-facts")).toContainText("started 1 time");
  });

  test("navigates by keyboard, sending a visitor to sign in first", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Benchmarks" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fbenchmarks$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeFocused();
  });

  test("sends security headers and runs only scripts that carry the page's nonce", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/");
    const headers = response!.headers();
    const policy = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    // The page is interactive (hydrated): the health panel fetched and rendered.
    await expect(page.getByText("Sign in to see the database and the assessor.")).toBeVisible();
    expect(violations).toEqual([]);
    const second = await page.goto("/");
    expect(/'nonce-([^']+)'/.exec(second!.headers()["content-security-policy"] ?? "")?.[1]).not.toBe(nonce);
  });
});

test("has an app icon, so the browser does not ask for a missing favicon", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test.describe("GET /api/health", () => {
  test("tells a stranger the status alone, and a signed-in person the embedded database and the version", async ({
    page,
  }) => {
    const anonymous = await page.request.get("/api/health");
    expect(anonymous.status()).toBe(200);
    expect(anonymous.headers()["cache-control"]).toBe("no-store");
    expect(await anonymous.json()).toEqual({ status: "ok" });
    await page.goto("/");
    await signUpSomeone(page, "health");
    const body = await (await page.request.get("/api/health")).json();
    expect(body).toMatchObject({
      status: "ok",
      database: { kind: "embedded", ok: true },
      model: { configured: false },
    });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

test("API answers carry the security headers too", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
