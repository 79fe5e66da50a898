import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { testPassword } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

/**
 * An annotator works through five items of a queue with the keyboard alone,
 * corrects one of them and takes one submit back; the researcher's export
 * holds the corrected text and every picture.
 */

type Json = Record<string, unknown>;

async function signUp(request: APIRequestContext, studio: StudioProcess, email: string): Promise<string> {
  const response = await request.post(`${studio.url}/api/auth/sign-up`, {
    headers: { Origin: studio.url },
    data: { email, password: testPassword },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { user: { id: string } }).user.id;
}

async function api(
  request: APIRequestContext,
  studio: StudioProcess,
  method: "GET" | "POST" | "PATCH",
  path: string,
  data?: Json,
) {
  const response = await request.fetch(`${studio.url}${path}`, { method, headers: { Origin: studio.url }, data });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as Json;
}

/** An annotation that accepts everything as written, with the given verdict. */
function wholeAnnotation(verdict: "gold" | "rejected") {
  const profile = Array.from({ length: 5 }, () => ({ judgment: "right", correction: null }));
  const scores = Array.from({ length: 5 }, () => ({ corrected: null, flags: [], rationale: null }));
  return {
    profile: { preference: profile, nonPreference: profile },
    scores: { A: scores, B: scores },
    verdict,
    comment: verdict === "rejected" ? "The style reading is off." : null,
  };
}

let runId: string | null = null;

/** A completed baseline run over a demo subset, and a queue of its first five results for the annotator. */
async function makeQueue(request: APIRequestContext, studio: StudioProcess, annotatorEmail: string): Promise<string> {
  const imported = (await api(request, studio, "POST", "/api/benchmarks/imports", {
    folder: "demo",
    subsets: ["TEST_MP_OD"],
  })) as { subsets: { id: string }[] };
  const { run } = (await api(request, studio, "POST", "/api/benchmarks/runs", {
    subsetId: imported.subsets[0]!.id,
    endpoint: "baseline",
  })) as { run: { id: string } };
  await expect(async () => {
    const { run: current } = (await api(request, studio, "GET", `/api/benchmarks/runs/${run.id}`)) as {
      run: { status: string };
    };
    expect(current.status).toBe("completed");
  }).toPass({ timeout: 90_000, intervals: [1000] });
  runId = run.id;
  const { queue } = (await api(request, studio, "POST", "/api/annotation/queues", {
    name: "Baseline check",
    filter: { source: "run", runId: run.id, limit: 5 },
    annotators: [annotatorEmail],
  })) as { queue: { id: string; items: number } };
  expect(queue.items).toBe(5);
  return queue.id;
}

const heading = (page: Page, item: number) =>
  page.getByRole("heading", { level: 1, name: `Baseline check: item ${item}` });

test.describe("annotation", () => {
  let studio: StudioProcess;
  test.beforeAll(async () => {
    studio = await startStudio();
  });
  test.afterAll(async () => {
    await studio.stop();
  });

  test("an annotator works through five items with the keyboard only; the export carries the correction and the pictures", async ({
    browser,
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    // The first account is admin: a researcher and an annotator at once; the annotator here is a second person.
    await signUp(page.request, studio, "lead@example.com");
    const annotatorContext = await browser.newContext();
    const annotator = await annotatorContext.newPage();
    const annotatorId = await signUp(annotator.request, studio, "annotator@example.com");
    await api(page.request, studio, "PATCH", `/api/admin/users/${annotatorId}`, { roles: ["annotator"] });
    const queueId = await makeQueue(page.request, studio, "annotator@example.com");

    await annotator.goto(`${studio.url}/annotate`);
    await expect(annotator.getByRole("list", { name: "Queues to work on" })).toContainText("5 left for you");
    await annotator.getByRole("link", { name: "Start annotating Baseline check" }).focus();
    await annotator.keyboard.press("Enter");

    // Item 1: accept as gold.
    await expect(heading(annotator, 1)).toBeVisible();
    await expect(annotator.getByRole("img", { name: "Candidate image A" })).toBeVisible();
    await annotator.keyboard.press("g");
    await annotator.keyboard.press("Enter");

    // Item 2: the preferred style term is wrong, and Image A's style score too, whose rationale is flagged.
    await expect(heading(annotator, 2)).toBeVisible();
    await annotator.keyboard.press("n");
    await annotator.keyboard.press("e");
    await annotator.keyboard.type("Teal watercolour washes");
    await annotator.keyboard.press("Enter");
    for (let step = 0; step < 10; step++) await annotator.keyboard.press("j");
    await expect(annotator.getByRole("status")).toContainText("At: Image A, Artistic style score");
    const agreeOption = await annotator
      .getByLabel("Image A Artistic style score: agree or correct")
      .locator("option")
      .first()
      .textContent();
    const modelScore = Number(/\((\d)\)/.exec(agreeOption ?? "")?.[1]);
    const correctedScore = modelScore === 0 ? 5 : 0;
    await annotator.keyboard.press(String(correctedScore));
    await annotator.keyboard.press("h");
    await expect(annotator.getByRole("radio", { name: /Accept with corrections/ })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await annotator.keyboard.press("Enter");

    // Item 3: gold, then taken back with z and submitted again.
    await expect(heading(annotator, 3)).toBeVisible();
    await annotator.keyboard.press("g");
    await annotator.keyboard.press("Enter");
    await expect(heading(annotator, 4)).toBeVisible();
    await annotator.keyboard.press("z");
    await expect(heading(annotator, 3)).toBeVisible();
    await expect(annotator.getByRole("radio", { name: /Accept as gold/ })).toHaveAttribute("aria-checked", "true");
    await annotator.screenshot({ path: testInfo.outputPath("annotate.png"), fullPage: true });
    await annotator.keyboard.press("Enter");

    // Items 4 and 5: gold.
    for (const item of [4, 5]) {
      await expect(heading(annotator, item)).toBeVisible();
      await annotator.keyboard.press("g");
      await annotator.keyboard.press("Enter");
    }
    await expect(annotator.getByText("Nothing is left for you in this queue.")).toBeVisible();

    await page.goto(`${studio.url}/annotate/manage/${queueId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Baseline check" })).toBeVisible();
    await expect(page.getByText("5 of 5 annotations done")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("manage.png"), fullPage: true });

    const exported = await page.request.get(
      `${studio.url}${await page.getByRole("link", { name: "Fine-tuning dataset (zip)" }).getAttribute("href")}`,
    );
    expect(exported.status()).toBe(200);
    const files = unzipSync(new Uint8Array(await exported.body()));
    const samples = JSON.parse(strFromU8(files["data.json"]!)) as {
      messages: { role: string; content: string }[];
      images: string[];
    }[];
    expect(samples).toHaveLength(5);
    const corrected = samples.filter((sample) =>
      sample.messages.at(-1)!.content.includes('"Art Styles": "Teal watercolour washes"'),
    );
    expect(corrected).toHaveLength(1);
    expect(corrected[0]!.messages.at(-1)!.content).toMatch(
      new RegExp(`1\\. Artistic style:\\nImage A\\(${correctedScore}\\)`),
    );
    for (const sample of samples) {
      expect(sample.images.length).toBe((sample.messages[1]!.content.match(/<image>/g) ?? []).length);
      for (const path of sample.images) expect(files[path]?.byteLength ?? 0).toBeGreaterThan(500);
    }
    await annotatorContext.close();
  });

  test("two annotators disagree on an item; the researcher settles it from the review list", async ({
    browser,
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    expect(runId, "runs after the first test, which makes the run").not.toBeNull();
    await page.request.post(`${studio.url}/api/auth/sign-in`, {
      headers: { Origin: studio.url },
      data: { email: "lead@example.com", password: testPassword },
    });
    const { queue } = (await api(page.request, studio, "POST", "/api/annotation/queues", {
      name: "Double check",
      filter: { source: "run", runId, limit: 1 },
      requiredAnnotations: 2,
    })) as { queue: { id: string } };
    const annotatorContext = await browser.newContext();
    const annotator = await annotatorContext.newPage();
    await annotator.request.post(`${studio.url}/api/auth/sign-in`, {
      headers: { Origin: studio.url },
      data: { email: "annotator@example.com", password: testPassword },
    });
    for (const [request, verdict] of [
      [page.request, "gold"],
      [annotator.request, "rejected"],
    ] as const) {
      const { item } = (await api(request, studio, "POST", `/api/annotation/queues/${queue.id}/claims`)) as {
        item: { id: string };
      };
      await api(request, studio, "POST", `/api/annotation/items/${item.id}/annotations`, wholeAnnotation(verdict));
    }
    await annotatorContext.close();

    await page.goto(`${studio.url}/annotate/manage/${queue.id}`);
    const disputed = page.getByRole("article", { name: "Disputed item 1" });
    await expect(disputed.getByRole("region", { name: "Annotation by annotator@example.com" })).toContainText("Reject");
    await expect(disputed).toContainText("The style reading is off.");
    await expect(page.getByRole("row", { name: /^Verdict/ })).toContainText("n = 2");
    await page.screenshot({ path: testInfo.outputPath("review.png"), fullPage: true });
    await disputed.getByRole("button", { name: "Settle as annotator@example.com's" }).click();
    await expect(page.getByText("Nothing to review.")).toBeVisible();
    await expect(page.getByText(/settled by review 1/)).toBeVisible();
  });
});
