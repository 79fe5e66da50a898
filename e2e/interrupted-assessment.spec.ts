import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { coldProfile, demoPicturePng, warmProfile } from "../test/fixtures/demo-pictures";
import { type FakeModelServer, startFakeModelServer } from "../test/fake-model-server";
import { findFreePort } from "../test/postgres-server";
import { signUpThroughApi } from "./support/sign-up";
import { newDataDir, type StudioProcess, startStudio } from "./support/studio-process";

/**
 * An assessment the server was killed in the middle of: after the restart,
 * opening it from History shows it failed, with the reason and the output
 * it had written, and the page neither offers Cancel nor keeps reconnecting.
 */

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-a.txt", "utf8");
/** What the transcript's preference profile says first: stored before the crash, shown after it. */
const firstLikedStyle = "Impressionist landscapes with loose, visible brushwork";
const profiles = [warmProfile, coldProfile];

async function upload(page: Page, studio: StudioProcess, seed: number): Promise<string> {
  const buffer = await demoPicturePng(profiles[seed % 2]!, seed);
  const response = await page.request.post(`${studio.url}/api/images`, {
    headers: { Origin: studio.url },
    multipart: { files: { name: `picture-${seed}.png`, mimeType: "image/png", buffer } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { files: { image: { id: string } }[] }).files[0]!.image.id;
}

/** Starts an assessment and reads its stream until the model has written something, then lets go (it runs on). */
async function startAssessment(page: Page, studio: StudioProcess, imageIds: string[]): Promise<string> {
  const cookie = (await page.context().cookies(studio.url)).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const response = await fetch(`${studio.url}/api/assessments`, {
    method: "POST",
    headers: { Origin: studio.url, Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify({
      preferredImageIds: [imageIds[0]],
      nonPreferredImageIds: [imageIds[1]],
      candidateImageIds: [imageIds[2], imageIds[3]],
    }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("event: delta")) text += (await reader.read()).value ?? "";
  await reader.cancel();
  return /"assessmentId":"([0-9a-f-]{36})"/.exec(text)![1]!;
}

test.describe("an assessment interrupted by a restart", () => {
  let modelServer: FakeModelServer;
  let studio: StudioProcess | null = null;

  test.beforeAll(async () => {
    // Writes the profiles and part of the reasoning, then says nothing more: the run is still going when the server dies.
    modelServer = await startFakeModelServer({
      model: "preferthinker-7b",
      defaultScenario: { kind: "stall", text: transcript, afterChunks: 60 },
    });
  });
  test.afterAll(async () => {
    await studio?.stop();
    await modelServer.close();
  });

  test("opens from History as failed, with its reason and output, no Cancel and no reconnecting", async ({ page }) => {
    test.setTimeout(240_000);
    const env = {
      PORT: String(await findFreePort()),
      DATA_DIR: newDataDir(),
      MODEL_API_URL: modelServer.url,
      MODEL_NAME: "preferthinker-7b",
    };
    studio = await startStudio(env, { ownProcessGroup: true });
    await signUpThroughApi(page, studio, "interrupted@example.com");
    const imageIds: string[] = [];
    for (let seed = 0; seed < 4; seed++) imageIds.push(await upload(page, studio, seed));
    const id = await startAssessment(page, studio, imageIds);
    // Wait until the output so far (saved every half second) holds the first profile line, then the whole app goes at once, as on a crash.
    await expect
      .poll(
        async () => {
          const body = (await (await page.request.get(`${studio!.url}/api/assessments/${id}`)).json()) as {
            assessment: { status: string; output: string };
          };
          return body.assessment.status === "running" && body.assessment.output.includes(firstLikedStyle);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    studio.signalProcessGroup("SIGKILL");
    await studio.exited;
    studio = await startStudio(env, { ownProcessGroup: true });

    const follows: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith(`/api/assessments/${id}/events`)) follows.push(request.url());
    });
    await page.goto(`${studio.url}/history`);
    await page.getByRole("link", { name: /Open the full result/ }).click();
    await expect(page).toHaveURL(new RegExp(`/assess\\?assessment=${id}`));

    const result = page.getByRole("region", { name: /Result/ });
    await expect(result.getByRole("status")).toHaveText("Failed");
    await expect(result.getByRole("alert")).toContainText("The server stopped while this assessment ran");
    await expect(result.getByRole("alert")).toContainText("The output so far is kept below.");
    // The profile the model wrote before the stop is shown.
    await expect(page.getByText(firstLikedStyle)).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Assess", exact: true })).toBeVisible();
    // A reconnect would come within a second of the stream's end: give it three, and see none.
    await page.waitForTimeout(3_000);
    expect(follows).toHaveLength(1);
  });
});
