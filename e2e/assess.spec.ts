import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { coldProfile, demoPictureFile, warmProfile } from "../test/fixtures/demo-pictures";
import { type FakeModelServer, startFakeModelServer } from "../test/fake-model-server";
import { type StudioAddress, sharedStudio } from "./support/shared-server";
import { signUpThroughApi, uniqueEmail } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

const liked = warmProfile;
const disliked = coldProfile;

/** Puts two candidates in the library (through the API), opens the page, uploads references straight into the columns, and picks A and B. */
async function buildReferenceSet(
  page: Page,
  studio: StudioAddress,
  references: { liked: number[]; disliked: number[] },
) {
  for (const file of [
    await demoPictureFile(disliked, 11, "candidate-striped.png"),
    await demoPictureFile(liked, 12, "candidate-warm.png"),
  ]) {
    const response = await page.request.post(`${studio.url}/api/images`, {
      headers: { Origin: studio.url },
      multipart: { files: file },
    });
    expect(response.status()).toBe(201);
  }
  await page.goto(`${studio.url}/assess`);
  await expect(page.getByRole("heading", { name: "Assess", level: 1 })).toBeVisible();
  await page
    .getByLabel("Choose images to upload into Liked")
    .setInputFiles(
      await Promise.all(references.liked.map((seed) => demoPictureFile(liked, seed, `liked-${seed}.png`))),
    );
  await expect(page.getByTestId("column-preferred").getByRole("listitem")).toHaveCount(references.liked.length);
  await page
    .getByLabel("Choose images to upload into Disliked")
    .setInputFiles(
      await Promise.all(references.disliked.map((seed) => demoPictureFile(disliked, seed, `disliked-${seed}.png`))),
    );
  await expect(page.getByTestId("column-nonPreferred").getByRole("listitem")).toHaveCount(references.disliked.length);
  await page.getByRole("button", { name: "Use candidate-striped.png as Image A" }).click();
  await page.getByRole("button", { name: "Use candidate-warm.png as Image B" }).click();
}

test.describe("the assess page", () => {
  const studio = sharedStudio;

  test("runs the baseline in reasoning mode, records a judgment, keeps both across a reload, and sends an offline judgment once", async ({
    page,
    context,
  }, testInfo) => {
    await signUpThroughApi(page, studio, uniqueEmail("taste"));
    await buildReferenceSet(page, studio, { liked: [1, 2, 3, 4, 5], disliked: [6, 7, 8, 9, 10] });
    await expect(page.getByLabel("Model")).toContainText("Built-in baseline (image statistics, not PreferThinker)");

    await page.getByRole("button", { name: "Assess" }).click();
    await expect(page.getByRole("article", { name: "Preference profile", exact: true })).toContainText("orange");
    await expect(page.getByRole("article", { name: "Non-preference profile" })).toContainText("blue");
    await expect(page.getByTestId("score-row")).toHaveCount(5);
    await expect(page.getByRole("meter")).toHaveCount(10);
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await expect(page.getByTestId("total-A")).toContainText("sum of scores");
    await expect(page.getByTestId("baseline-badge")).toHaveText(
      "Built-in baseline: image statistics, not PreferThinker",
    );
    await expect(page.getByTestId("answer")).toContainText("The baseline's answer");
    // The baseline writes no tokens, so its timings show no token rate.
    await expect(page.getByLabel("Timings").getByText("Tokens/s")).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Finished" })).toBeVisible();
    await expect(page).toHaveURL(/\/assess\?assessment=[0-9a-f-]{36}$/);

    await page.keyboard.press("2");
    await expect(page.getByTestId("judgment-state")).toHaveText("Saved.");
    // The baseline judges images, not places: swapped, it names the same image.
    await page.getByRole("button", { name: "Run with A and B swapped" }).click();
    await expect(page.getByTestId("swap-verdict")).toContainText(
      "Consistent: swapped, the answer was Image A, the same image.",
    );
    await page.screenshot({ path: testInfo.outputPath("assess-finished.png"), fullPage: true });

    await page.reload();
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await expect(page.getByRole("radio", { name: /Image B/ })).toHaveAttribute("aria-checked", "true");
    // The swap check's verdict comes back from the stored swapped run.
    await expect(page.getByTestId("swap-verdict")).toContainText(
      "Consistent: swapped, the answer was Image A, the same image.",
    );

    // Offline: the judgment waits in the browser, and goes out once when the connection returns.
    await context.setOffline(true);
    await page.getByRole("radio", { name: /Image A/ }).click();
    await expect(page.getByTestId("judgment-state")).toContainText("Not sent yet");
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect(page.getByTestId("judgment-state")).toHaveText("Saved.");
    const id = new URL(page.url()).searchParams.get("assessment")!;
    const stored = (await (await page.request.get(`${studio.url}/api/assessments/${id}`)).json()) as {
      assessment: { judgment: { choice: string } };
    };
    expect(stored.assessment.judgment.choice).toBe("A");
    const list = (await (await page.request.get(`${studio.url}/api/assessments?agreement=disagree`)).json()) as {
      assessments: { id: string }[];
    };
    expect(list.assessments.map((entry) => entry.id)).toEqual([id]);
  });
});

test.describe("my profile", () => {
  const studio = sharedStudio;

  test("a saved reference set keeps its latest predicted profile beside the person's own words, and makes a personalised prompt", async ({
    page,
  }) => {
    await signUpThroughApi(page, studio, uniqueEmail("profile"));
    await buildReferenceSet(page, studio, { liked: [1, 2, 3], disliked: [6, 7, 8] });
    await page.getByLabel("New set name").fill("Warm shapes");
    await page.getByRole("button", { name: "Save as new set" }).click();
    await expect(page.getByLabel("Reference set", { exact: true })).toContainText("Warm shapes (3 + 3)");
    await page.getByRole("button", { name: "Assess" }).click();
    await expect(page.getByTestId("answer")).toContainText("Image B");

    await page.getByRole("link", { name: "My profile" }).click();
    await expect(page.getByRole("heading", { name: "My profile" })).toBeVisible();
    const liking = page.getByRole("region", { name: "What you like" });
    await expect(liking.getByRole("row", { name: /Color/ })).toContainText("orange");
    await liking.getByLabel("What you like, Color, in your words").fill("warm oranges and reds");
    await liking.getByLabel("What you like, Saturation, in your words").fill("soft and quiet");
    await expect(liking.getByRole("row", { name: /Color/ })).toContainText("Same words");
    await expect(liking.getByRole("row", { name: /Saturation/ })).toContainText("Differs");
    await page.getByLabel("Your prompt").fill("a lighthouse at dusk");
    await expect(page.getByTestId("personalised-prompt")).toHaveValue(
      /^a lighthouse at dusk art styles: .*color: orange/,
    );
    await page.getByRole("radio", { name: "your own words" }).check();
    await expect(page.getByTestId("personalised-prompt")).toHaveValue(
      "a lighthouse at dusk color: warm oranges and reds, saturation: soft and quiet",
    );
    await page.getByRole("button", { name: "Save your words" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("What you like, Color, in your words")).toHaveValue("warm oranges and reds");
  });
});

test.describe("the assess page against a model server", () => {
  let studio: StudioProcess;
  let model: FakeModelServer;
  test.beforeAll(async () => {
    model = await startFakeModelServer({ model: "preferthinker-7b" });
    studio = await startStudio({ MODEL_API_URL: model.url, MODEL_NAME: "preferthinker-7b" });
  });
  test.afterAll(async () => {
    await studio.stop();
    await model.close();
  });

  test("streams the model's reasoning, and shows a mid-stream failure with the partial output kept", async ({
    page,
  }) => {
    const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");
    await signUpThroughApi(page, studio, "gpu@example.com");
    await buildReferenceSet(page, studio, { liked: [1, 2], disliked: [6, 7] });
    await expect(page.getByLabel("Model")).toContainText("preferthinker-7b on default");

    model.queue({ kind: "stream", text: transcript, chunkSize: 6, delayMs: 5 });
    await page.getByRole("button", { name: "Assess" }).click();
    await expect(page.getByRole("article", { name: "Preference profile", exact: true })).toContainText(
      "Warm golden and amber tones",
    );
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await expect(page.getByTestId("total-B")).toContainText("22");
    await expect(page.getByTestId("answer")).toContainText("The model's answer");
    await expect(page.getByTestId("baseline-badge")).toHaveCount(0);
    await expect(page.getByLabel("Timings").getByText("Tokens/s")).toBeVisible();
    // A recorded transcript answers "Image B" whatever the order: the swap check calls that position bias.
    model.queue({ kind: "stream", text: transcript, chunkSize: 40, delayMs: 0 });
    await page.getByRole("button", { name: "Run with A and B swapped" }).click();
    await expect(page.getByTestId("swap-verdict")).toContainText("Position bias");
    const swapped = model.requests.at(-1)!.body as {
      messages: { content: { type: string; image_url?: { url: string } }[] }[];
    };
    const firstRun = model.requests.at(-2)!.body as typeof swapped;
    const candidatesOf = (body: typeof swapped) =>
      body.messages[1]!.content.filter((part) => part.type === "image_url")
        .slice(-2)
        .map((part) => part.image_url!.url);
    expect(candidatesOf(swapped)).toEqual([...candidatesOf(firstRun)].reverse());

    model.queue({ kind: "error-mid-stream", text: transcript, afterChunks: 30 });
    await page.getByRole("button", { name: "Assess" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "CUDA out of memory" })).toContainText(
      "The output so far is kept below.",
    );
    await page.getByRole("button", { name: "Show the raw output" }).click();
    await expect(page.locator("pre")).toContainText("<visual preference profile>");
    await expect(page.getByRole("status").filter({ hasText: "Failed" })).toBeVisible();
  });
});
