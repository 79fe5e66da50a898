import { expect, test } from "@playwright/test";

test.describe("home page", () => {
  test("shows the product, its areas and a healthy embedded database", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "PreferThinker Studio" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const area of ["Assess", "History", "Benchmarks", "Annotate"]) {
      await expect(nav.getByRole("link", { name: area })).toBeVisible();
    }
    const health = page.getByRole("region", { name: "System health" });
    await expect(health.getByText("Embedded PostgreSQL (PGlite): answering")).toBeVisible();
    await expect(health.getByText("Not configured")).toBeVisible();
    await expect(health.getByText(/Set MODEL_API_URL/)).toBeVisible();
    await expect(page.getByTestId("installation-facts")).toContainText("started 1 time");
  });

  test("navigates by keyboard and marks the current area", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Benchmarks" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/benchmarks$/);
    await expect(page.getByRole("heading", { level: 1, name: "Benchmarks" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Benchmarks" })).toHaveAttribute("aria-current", "page");
  });
});

test.describe("GET /api/health", () => {
  test("reports the embedded database and the version", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { kind: "embedded", ok: true }, model: { configured: false } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
