import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { type StudioAddress, sharedStudio } from "./support/shared-server";
import type { DemoProfile } from "../lib/demo/demo-attributes";
import { coldProfile, demoPictureFile, warmProfile } from "../test/fixtures/demo-pictures";
import { signUpThroughApi, uniqueEmail } from "./support/sign-up";

const liked = warmProfile;
const disliked = coldProfile;
const baselineLabel = "Built-in baseline (image statistics, not PreferThinker)";

async function upload(page: Page, studio: StudioAddress, profile: DemoProfile, seed: number): Promise<string> {
  const file = await demoPictureFile(profile, seed, `picture-${seed}.png`);
  const response = await page.request.post(`${studio.url}/api/images`, {
    headers: { Origin: studio.url },
    multipart: { files: file },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { files: { image: { id: string } }[] }).files[0]!.image.id;
}

/** Runs the baseline through the API, reads its stream to the end, and returns the assessment with its answer. */
async function assess(page: Page, studio: StudioAddress, body: object): Promise<{ id: string; answer: string }> {
  const response = await page.request.post(`${studio.url}/api/assessments`, {
    headers: { Origin: studio.url },
    data: body,
  });
  expect(response.status()).toBe(200);
  const stream = await response.text();
  expect(stream).toContain("event: done");
  const id = /"assessmentId":"([0-9a-f-]{36})"/.exec(stream)![1]!;
  const stored = (await (await page.request.get(`${studio.url}/api/assessments/${id}`)).json()) as {
    assessment: { status: string; parsed: { answer: string } };
  };
  expect(stored.assessment.status).toBe("completed");
  return { id, answer: stored.assessment.parsed.answer };
}

async function judge(page: Page, studio: StudioAddress, id: string, choice: "A" | "B") {
  const response = await page.request.put(`${studio.url}/api/assessments/${id}/judgment`, {
    headers: { Origin: studio.url, "Idempotency-Key": randomUUID() },
    data: { choice },
  });
  expect(response.status()).toBe(201);
}

test.describe("the history page", () => {
  const studio = sharedStudio;

  test("lists one's assessments newest first, filters them in the address, opens one, and shows the agreement rate", async ({
    page,
  }, testInfo) => {
    await signUpThroughApi(page, studio, uniqueEmail("history"));

    await page.goto(`${studio.url}/history`);
    await expect(page.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
    await expect(page.getByText("You have no assessments yet.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Run your first assessment" })).toHaveAttribute("href", "/assess");

    const preferred = [await upload(page, studio, liked, 1), await upload(page, studio, liked, 2)];
    const nonPreferred = [await upload(page, studio, disliked, 6), await upload(page, studio, disliked, 7)];
    const candidates = [await upload(page, studio, disliked, 11), await upload(page, studio, liked, 12)];
    const references = {
      preferredImageIds: preferred,
      nonPreferredImageIds: nonPreferred,
      candidateImageIds: candidates,
    };

    // The first judged as the baseline answered, the second against it, the third (fast mode) left unjudged.
    const agreed = await assess(page, studio, { ...references, mode: "reasoning" });
    const disagreed = await assess(page, studio, { ...references, mode: "reasoning" });
    const unjudged = await assess(page, studio, { ...references, mode: "fast" });
    const modelChoice = agreed.answer === "Image A" ? "A" : "B";
    expect(disagreed.answer).toBe(agreed.answer);
    await judge(page, studio, agreed.id, modelChoice);
    await judge(page, studio, disagreed.id, modelChoice === "A" ? "B" : "A");

    await page.reload();
    const rows = page.getByTestId("history-row");
    await expect(rows).toHaveCount(3);
    expect(
      await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-assessment-id"))),
    ).toEqual([unjudged.id, disagreed.id, agreed.id]);
    await expect(rows.first().getByTestId("row-model")).toHaveText(baselineLabel);
    await expect(page.getByTestId("row-model").filter({ hasText: /^PreferThinker/ })).toHaveCount(0);
    await expect(rows.first()).toContainText("Fast mode");
    await expect(rows.first().getByTestId("row-judgment")).toHaveText("Not judged yet");
    await expect(rows.nth(1).getByTestId("row-answer")).toHaveText(agreed.answer);
    await expect(rows.nth(1).getByTestId("row-judgment")).toContainText("Disagrees with the baseline");
    await expect(rows.nth(2).getByTestId("row-judgment")).toContainText("Agrees with the baseline");
    await expect(rows.nth(2).getByRole("img", { name: "Image B" })).toHaveJSProperty("complete", true);
    expect(
      await rows
        .nth(2)
        .getByRole("img", { name: "Image B" })
        .evaluate((image: HTMLImageElement) => image.naturalWidth),
    ).toBeGreaterThan(0);

    const card = page.getByRole("article", { name: `Agreement with ${baselineLabel}` });
    await expect(card.getByTestId("agreement-rate")).toHaveText("50%");
    await expect(card.getByTestId("agreement-count")).toHaveText("you agreed in 1 of 2 judged");
    await expect(card.getByTestId("agreement-chart").locator("canvas")).toHaveCount(1);
    await card.getByText("Weekly numbers").click();
    await expect(card.getByRole("row")).toHaveCount(2);
    await expect(card.getByRole("row").nth(1)).toContainText("50%");
    await page.screenshot({ path: testInfo.outputPath("history.png"), fullPage: true });

    await expect(page.getByLabel("Model")).toContainText(baselineLabel);
    await page.getByLabel("Your judgment").selectOption("disagree");
    await expect(page).toHaveURL(/\/history\?agreement=disagree$/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-assessment-id", disagreed.id);

    await page.reload();
    await expect(page.getByLabel("Your judgment")).toHaveValue("disagree");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-assessment-id", disagreed.id);

    await page.getByLabel("Consistency issues").selectOption("with");
    await expect(page).toHaveURL(/agreement=disagree&issues=with$/);
    await expect(page.getByText("No assessments match these filters.")).toBeVisible();
    await page.getByRole("button", { name: "Show all assessments" }).click();
    await expect(page).toHaveURL(/\/history$/);
    await expect(rows).toHaveCount(3);

    // A row opens the stored result on the assess page, by keyboard too.
    await rows
      .nth(1)
      .getByRole("link", { name: /Open the full result/ })
      .focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`${studio.url}/assess?assessment=${disagreed.id}`);
    await expect(page.getByTestId("answer")).toContainText(agreed.answer);
    await expect(page.getByTestId("baseline-badge")).toBeVisible();
  });
});
