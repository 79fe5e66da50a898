import { expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { StudioAddress } from "./shared-server";

export const testPassword = "a long and unusual passphrase";

/** An address nobody has signed up with yet, also on the shared server, whose data outlives a run. */
export const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.com`;

/** Signs up through the API in the page's own context, so the page carries the session cookie. */
export async function signUpThroughApi(page: Page, studio: StudioAddress, email: string): Promise<void> {
  const response = await page.request.post(`${studio.url}/api/auth/sign-up`, {
    headers: { Origin: studio.url },
    data: { email, password: testPassword },
  });
  expect(response.status()).toBe(201);
}
