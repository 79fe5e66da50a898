import { expect, test } from "@playwright/test";
import { startPostgresServer } from "../test/postgres-server";
import { startFakeModelServer } from "../test/fake-model-server";
import { startStudio } from "./support/studio-process";

test("uses a PostgreSQL server from DATABASE_URL and answers 503 when it goes away", async ({ page }) => {
  const postgres = await startPostgresServer();
  const model = await startFakeModelServer({ model: "preferthinker-7b" });
  let postgresRunning = true;
  const studio = await startStudio({
    DATABASE_URL: postgres.url(),
    MODEL_API_URL: model.url,
    MODEL_NAME: "preferthinker-7b",
  });
  try {
    // The first account is the installation's admin, who is told the details.
    const signedUp = await page.request.post(`${studio.url}/api/auth/sign-up`, {
      headers: { Origin: studio.url },
      data: { email: "operator@example.com", password: "a long and unusual passphrase" },
    });
    expect(signedUp.status()).toBe(201);
    const healthy = await page.request.get(`${studio.url}/api/health`);
    expect(healthy.status()).toBe(200);
    expect(await healthy.json()).toMatchObject({
      status: "ok",
      database: { kind: "postgres", ok: true },
      model: { configured: true, ok: true, model: "preferthinker-7b" },
    });
    await page.goto(studio.url);
    await expect(page.getByText("PostgreSQL server: answering")).toBeVisible();
    await expect(page.getByText("Serving preferthinker-7b")).toBeVisible();

    postgres.stop();
    postgresRunning = false;
    // With the database gone no session can be checked: everyone is told the status alone.
    const down = await page.request.get(`${studio.url}/api/health`);
    expect(down.status()).toBe(503);
    expect(await down.json()).toEqual({ status: "error" });
    await page.reload();
    await expect(page.getByText("The database does not answer")).toBeVisible();
  } finally {
    await studio.stop();
    await model.close();
    if (postgresRunning) postgres.stop();
  }
});
