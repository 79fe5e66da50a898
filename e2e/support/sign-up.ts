import { expect, type Page } from "@playwright/test";
import type { StudioProcess } from "./studio-process";

export const testPassword = "a long and unusual passphrase";

/** Signs up through the API in the page's own context, so the page carries the session cookie. */
export async function signUpThroughApi(page: Page, studio: StudioProcess, email: string): Promise<void> {
  const response = await page.request.post(`${studio.url}/api/auth/sign-up`, {
    headers: { Origin: studio.url },
    data: { email, password: testPassword },
  });
  expect(response.status()).toBe(201);
}
