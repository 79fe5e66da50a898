import { expect, type Locator, type Page, test } from "@playwright/test";
import { testPassword } from "./support/sign-up";

/**
 * "Find my taste" as a newcomer meets it, with the keyboard alone: start on
 * the demo pictures, answer pairs with 1, 2 and 0, undo one with z, reload in
 * the middle and carry on from the same pair, stop, check how well the model
 * predicts eight more answers (undoing one, reloading in the middle), replace
 * one reference by hand, save the references as a reference set, and open
 * Assess with them.
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
  for (let tab = 0; tab < 80 && !(await target.evaluate((element) => element === document.activeElement)); tab++)
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

/** The image id a picture shows, from its address (/api/images/<id>/<variant>). */
async function imageIdOf(picture: Locator): Promise<string> {
  const src = (await picture.getAttribute("src")) ?? "";
  return /\/api\/images\/([^/]+)\//.exec(src)?.[1] ?? "";
}

/** Answers a check pair: the model's guess is revealed only after the answer, with the next pair. */
async function answerCheck(page: Page, key: string, answered: number) {
  await page.keyboard.press(key);
  await expect(page.getByTestId("check-reveal")).toContainText(/^I expected the (left|right) one/);
  if (answered < 8) await expect(page.getByText(`Pair ${answered + 1} of 8`, { exact: true })).toBeVisible();
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

test("a newcomer finds their taste with the keyboard, undoes an answer, reloads, checks it, edits it, and assesses with the references", async ({
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

  // Offline: the answers wait in the browser, and the quiz goes on with pairs drawn there, pictures and all.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Set(
            performance
              .getEntriesByType("resource")
              .map((entry) => entry.name)
              .filter((name) => name.endsWith("/normalized")),
          ).size,
      ),
    )
    .toBeGreaterThanOrEqual(40);
  await page.context().setOffline(true);
  const waitingLine = page.getByRole("status").filter({ hasText: /^Offline:/ });
  const answeredOffline = await shownPair(page);
  await answer(page, "1", keys.length + 1);
  await expect(waitingLine).toContainText("1 answer waits in this browser");
  const secondOffline = await shownPair(page);
  await answer(page, "2", keys.length + 2);
  await expect(waitingLine).toContainText("2 answers wait in this browser");
  const pictures = page.getByRole("button", { name: /Prefer the (left|right) picture/ }).locator("img");
  await expect
    .poll(() => pictures.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth > 0)))
    .toEqual([true, true]);
  await expect(page.getByRole("button", { name: "See my references" })).toBeDisabled();
  // Undone while still waiting: taken back from the outbox, its pair asked again.
  const undoneOffline = await shownPair(page);
  await answer(page, "1", keys.length + 3);
  await page.keyboard.press("z");
  await expect(page.getByText(new RegExp(`^${keys.length + 2} answers so far`))).toBeVisible();
  expect(await shownPair(page)).toEqual(undoneOffline);
  await expect(waitingLine).toContainText("2 answers wait in this browser");
  await page.context().setOffline(false);
  await expect(waitingLine).toHaveCount(0, { timeout: 15_000 });
  const stored = (await (await page.request.get("/api/taste/sessions/current")).json()) as {
    status: { clicks: number };
    shown: [string, string][];
  };
  expect(stored.status.clicks).toBe(keys.length + 2);
  expect(
    stored.shown.slice(-2).map(([left, right]) => [left, right].map((id) => `/api/images/${id}/normalized`)),
  ).toEqual([answeredOffline, secondOffline]);
  await expect(page.getByText(new RegExp(`^${keys.length + 2} answers so far`))).toBeVisible();

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

  // The check, keyboard only: eight more pairs, each guess stored before the answer and revealed after it.
  await tabTo(page, page.getByRole("button", { name: "Check my taste" }));
  await page.keyboard.press("Enter");
  const checkHeading = page.getByRole("heading", { name: "Check my taste", level: 2 });
  await expect(checkHeading).toBeVisible();
  await expect(checkHeading).toBeFocused();
  await expect(page.getByText("Pair 1 of 8", { exact: true })).toBeVisible();
  await expect(page.getByText(/I expected/)).toHaveCount(0);
  const checkKeys = ["1", "2", "0", "1", "2", "1", "1", "2"];
  for (const [index, key] of checkKeys.slice(0, 3).entries()) await answerCheck(page, key, index + 1);
  // "Neither" counts for neither side: two answers counted so far.
  await expect(page.getByText(/^So far: predicted [0-2] of 2 \(1 “neither” not counted\)\.$/)).toBeVisible();

  // z takes the last check answer back: the same pair waits again.
  const beforeUndo = await shownPair(page);
  await answerCheck(page, checkKeys[3]!, 4);
  await page.keyboard.press("z");
  await expect(page.getByText("Pair 4 of 8", { exact: true })).toBeVisible();
  expect(await shownPair(page)).toEqual(beforeUndo);

  await answerCheck(page, checkKeys[3]!, 4);
  await answerCheck(page, checkKeys[4]!, 5);
  // A reload resumes the check at the same pair.
  const beforeReload = await shownPair(page);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Check my taste", level: 2 })).toBeVisible();
  await expect(page.getByText("Pair 6 of 8", { exact: true })).toBeVisible();
  expect(await shownPair(page)).toEqual(beforeReload);
  for (const [index, key] of checkKeys.slice(5).entries()) await answerCheck(page, key, index + 6);

  const summary = page.getByTestId("check-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(/The model predicted [0-7] of your last 7\./);
  await expect(summary).toContainText("coin toss");
  await page.screenshot({ path: testInfo.outputPath("taste-check.png"), fullPage: true });
  await tabTo(page, page.getByRole("button", { name: "Back to my references" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your references" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Check my taste" })).toContainText(/predicted [0-7] of your last 7/);
  // The check changed nothing of the quiz: still five of each, and the quiz's answers are fixed now.
  await expect(page.getByRole("region", { name: "Liked", exact: true }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByRole("button", { name: "Keep going" })).toBeDisabled();

  // Replace the first liked picture by hand: the chooser offers the other judged pictures, most preferred first.
  const liked = page.getByRole("region", { name: "Liked", exact: true });
  const replaceButton = page.getByRole("button", { name: "Replace liked picture 1" });
  await tabTo(page, replaceButton);
  await page.keyboard.press("Enter");
  const chooser = page.getByRole("dialog", { name: "Replace liked picture 1" });
  await expect(chooser).toBeVisible();
  await expect(chooser.getByRole("radio").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(chooser.getByRole("radio").nth(1)).toBeChecked();
  const replacement = await imageIdOf(chooser.getByRole("img", { name: "Option 2", exact: true }));
  expect(replacement).not.toBe("");
  await page.keyboard.press("Tab");
  await expect(chooser.getByRole("button", { name: "Use this picture" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(chooser).toBeHidden();
  await expect(replaceButton).toBeFocused();
  expect(await imageIdOf(liked.getByRole("img", { name: "Liked 1", exact: true }))).toBe(replacement);
  await expect(liked.getByRole("listitem").first()).toContainText("(chosen by you)");

  const name = page.getByLabel("Name of the reference set");
  await tabTo(page, name);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Found by the quiz");
  await page.keyboard.press("Enter");
  const open = page.getByRole("link", { name: "Assess candidates with these references" });
  await expect(open).toBeVisible();
  // The set was saved as edited by hand.
  const sets = (await (await page.request.get("/api/reference-sets")).json()) as {
    referenceSets: { name: string; preferredImageIds: string[] }[];
  };
  expect(sets.referenceSets.find((set) => set.name === "Found by the quiz")?.preferredImageIds[0]).toBe(replacement);

  // The predicted profile of the saved set, from the baseline here (no model server), named as such.
  await tabTo(page, page.getByRole("button", { name: "Predict my profile" }));
  await page.keyboard.press("Enter");
  const predicted = page.getByRole("heading", { name: "Your predicted profile" });
  await expect(predicted).toBeFocused({ timeout: 60_000 });
  await expect(
    page.getByText(/Predicted by the built-in baseline \(image statistics, not PreferThinker\)/),
  ).toBeVisible();
  await expect(page.getByLabel(/, Saturation, in your words$/).first()).toBeEditable();
  await page.screenshot({ path: testInfo.outputPath("taste-prediction.png"), fullPage: true });

  await tabTo(page, open);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Assess", level: 1 })).toBeVisible();
  await expect(page.getByTestId("column-preferred").getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("column-nonPreferred").getByRole("listitem")).toHaveCount(5);
  await expect(
    page.getByRole("combobox", { name: /reference set/i }).locator("option", { hasText: "Found by the quiz" }),
  ).toHaveCount(1);
});
