import { expect, type Locator, type Page, test } from "@playwright/test";
import { testPassword } from "./support/sign-up";

/**
 * "Find my taste" as a newcomer meets it, with the keyboard alone: start on
 * the demo pictures, answer pairs with 1, 2 and 0, undo one with z, reload in
 * the middle and carry on from the same pair, stop, save the references as a
 * reference set, and open Assess with them.
 */

async function signUp(page: Page, email: string) {
  const response = await page.request.post("/api/auth/sign-up", {
    headers: { Origin: new URL(page.url() || "http://127.0.0.1").origin },
    data: { email, password: testPassword },
  });
  expect(response.status()).toBe(201);
}

/** Moves the keyboard focus to an element with Tab alone, as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let tab = 0; tab < 40 && !(await target.evaluate((element) => element === document.activeElement)); tab++)
    await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

/** The pictures of the pair on screen, as their image addresses. */
async function shownPair(page: Page): Promise<string[]> {
  const pictures = page.getByRole("button", { name: /Prefer the (left|right) picture/ }).locator("img");
  await expect(pictures).toHaveCount(2);
  return pictures.evaluateAll((images) => images.map((image) => image.getAttribute("src") ?? ""));
}

/** Presses a key once the page shows the answer to the previous one: the progress line names the count. */
async function answer(page: Page, key: string, clicksAfter: number) {
  await page.keyboard.press(key);
  await expect(page.getByText(new RegExp(`^${clicksAfter} answers? so far`))).toBeVisible();
}

/** Answers until `clicks` answers are in, or until the quiz has learnt enough and shows the references by itself. */
async function answerUpTo(page: Page, clicks: number) {
  const results = page.getByRole("heading", { name: "Your references" });
  for (let click = 1; click <= clicks; click++) {
    const progress = page.getByText(/^\d+ answers? so far/);
    await expect(progress.or(results)).toBeVisible();
    if (await results.isVisible()) return;
    const done = Number(/^(\d+)/.exec((await progress.textContent()) ?? "")?.[1]);
    if (done >= clicks) return;
    await page.keyboard.press(done % 3 === 2 ? "2" : "1");
    await expect(page.getByText(new RegExp(`^${done + 1} answers? so far`)).or(results)).toBeVisible();
  }
}

test("a newcomer finds their taste with the keyboard, undoes an answer, reloads, and assesses with the references", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await signUp(page, `taste-${Date.now()}@example.com`);
  await page.goto("/taste");
  await expect(page.getByRole("heading", { name: "Find my taste", level: 1 })).toBeVisible();
  // The demo pictures are chosen already: Tab to Start and press Enter.
  await expect(page.getByRole("radio", { name: /Demo pictures/ })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Start" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Which do you prefer?" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^0 answers so far; about 15 more to go/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("taste-pair.png"), fullPage: true });

  const keys = ["1", "2", "1", "0", "2", "1"];
  for (const [index, key] of keys.entries()) await answer(page, key, index + 1);

  // Undo: the pair answered last comes back.
  const beforeLast = await shownPair(page);
  await answer(page, "2", keys.length + 1);
  await page.keyboard.press("z");
  await expect(page.getByText(new RegExp(`^${keys.length} answers so far`))).toBeVisible();
  expect(await shownPair(page)).toEqual(beforeLast);

  // A reload resumes at the same pair.
  await page.reload();
  await expect(page.getByText(new RegExp(`^${keys.length} answers so far`))).toBeVisible();
  expect(await shownPair(page)).toEqual(beforeLast);

  await answerUpTo(page, 14);
  const stop = page.getByRole("button", { name: "See my references" });
  if (await stop.isVisible()) {
    await tabTo(page, stop);
    await page.keyboard.press("Enter");
  }
  await expect(page.getByRole("heading", { name: "Your references" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Liked", exact: true }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByRole("region", { name: "Disliked", exact: true }).getByRole("listitem")).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath("taste-result.png"), fullPage: true });

  const name = page.getByLabel("Name of the reference set");
  await tabTo(page, name);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Found by the quiz");
  await page.keyboard.press("Enter");
  const open = page.getByRole("link", { name: "Assess candidates with these references" });
  await expect(open).toBeVisible();
  await tabTo(page, open);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Assess", level: 1 })).toBeVisible();
  await expect(page.getByTestId("column-preferred").getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("column-nonPreferred").getByRole("listitem")).toHaveCount(5);
  await expect(
    page.getByRole("combobox", { name: /reference set/i }).locator("option", { hasText: "Found by the quiz" }),
  ).toHaveCount(1);
});
