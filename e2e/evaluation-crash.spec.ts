import { createHash } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { type FakeModelServer, startFakeModelServer } from "../test/fake-model-server";
import { findFreePort } from "../test/postgres-server";
import { signUpThroughApi, testPassword } from "./support/sign-up";
import { newDataDir, type StudioProcess, startStudio } from "./support/studio-process";

/**
 * An evaluation run survives being stopped part-way: the real launcher and
 * server and a model server that takes a while per sample. The whole process
 * group is SIGKILLed and started again on the same data; or a researcher
 * cancels a run in the page and resumes it.
 */

type RunJson = { id: string; status: string; concurrency: number; progress: { done: number; total: number } };

const concurrency = 4;
const answer = "<answer>Image A</answer>";

/** One key per sample: a sample's request is the same, byte for byte, however often it is sent. */
const sampleKey = (body: Record<string, unknown>) =>
  createHash("sha256").update(JSON.stringify(body.messages)).digest("hex");

test.describe("a run stopped part-way", () => {
  let modelServer: FakeModelServer;
  let studio: StudioProcess | null = null;

  test.beforeAll(async () => {
    modelServer = await startFakeModelServer({
      model: "preferthinker-7b",
      defaultScenario: { kind: "stream", text: answer, chunkSize: 8, firstTokenDelayMs: 250 },
    });
  });
  test.afterAll(async () => {
    await studio?.stop();
    await modelServer.close();
  });

  test("resumes after SIGKILL at its next start and completes, no finished sample asked for again, one result per sample", async ({
    request,
  }) => {
    test.setTimeout(240_000);
    const port = String(await findFreePort());
    const env = { PORT: port, DATA_DIR: newDataDir(), MODEL_API_URL: modelServer.url, MODEL_NAME: "preferthinker-7b" };
    studio = await startStudio(env, { ownProcessGroup: true });
    const url = studio.url;
    const call = (api: APIRequestContext, method: "get" | "post", path: string, data?: unknown) =>
      api[method](`${url}${path}`, { headers: { Origin: url }, data });

    expect(
      (
        await call(request, "post", "/api/auth/sign-up", { email: "researcher@example.com", password: testPassword })
      ).status(),
    ).toBe(201);
    const imported = await call(request, "post", "/api/benchmarks/imports", {
      folder: "demo",
      subsets: ["TEST_SP_ID"],
    });
    expect(imported.status()).toBe(201);
    const subset = ((await imported.json()) as { subsets: { id: string; sampleCount: number }[] }).subsets[0]!;

    const started = await call(request, "post", "/api/benchmarks/runs", {
      subsetId: subset.id,
      endpoint: "default",
      mode: "fast",
      concurrency,
    });
    expect(started.status()).toBe(201);
    const runId = ((await started.json()) as { run: RunJson }).run.id;
    const readRun = async () =>
      ((await (await call(request, "get", `/api/benchmarks/runs/${runId}`)).json()) as { run: RunJson }).run;

    // Some samples done, most not: then the whole app goes at once, as on a crash.
    await expect
      .poll(async () => (await readRun()).progress.done, { timeout: 60_000, intervals: [100] })
      .toBeGreaterThanOrEqual(8);
    const doneBeforeKill = (await readRun()).progress.done;
    const sentBeforeKill = modelServer.requests.length;
    studio.signalProcessGroup("SIGKILL");
    expect(await studio.exited).not.toBe(0);
    expect(doneBeforeKill).toBeLessThan(subset.sampleCount);
    // Sent, but with no result stored when the server died: one per lane, and a few more counted while these two figures were read.
    const inFlightAtKill = sentBeforeKill - doneBeforeKill;
    expect(inFlightAtKill).toBeLessThanOrEqual(2 * concurrency);

    studio = await startStudio(env, { ownProcessGroup: true });
    await expect.poll(async () => (await readRun()).status, { timeout: 120_000, intervals: [250] }).toBe("completed");
    const run = await readRun();
    expect(run.progress).toMatchObject({ done: subset.sampleCount, total: subset.sampleCount });

    // One result per sample.
    const csv = await call(request, "get", `/api/benchmarks/runs/${runId}/export?format=csv`);
    const indexes = (await csv.text())
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(indexes).toHaveLength(subset.sampleCount);
    expect(new Set(indexes).size).toBe(subset.sampleCount);

    // Every sample was asked for; none more than twice; only those in flight at the kill twice.
    const counts = new Map<string, number>();
    for (const sent of modelServer.requests)
      counts.set(sampleKey(sent.body), (counts.get(sampleKey(sent.body)) ?? 0) + 1);
    expect(counts.size).toBe(subset.sampleCount);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    const askedTwice = [...counts.values()].filter((count) => count === 2).length;
    expect(askedTwice).toBeLessThanOrEqual(inFlightAtKill);
    expect(modelServer.requests.length).toBeLessThanOrEqual(subset.sampleCount + inFlightAtKill);
    // Taken up by the new process on its own, with the claims the killed one held freed at once (one process owns the embedded database).
    expect(studio.output()).toMatch(/takes up samples of run/);
    console.log(
      `killed with ${doneBeforeKill} of ${subset.sampleCount} done and ${inFlightAtKill} in flight; ${askedTwice} sample(s) asked for twice; ${modelServer.requests.length} requests in all`,
    );
  });

  test("cancelled in the page, resumes from its card and completes, finished samples not asked for again", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const own = await startStudio({ MODEL_API_URL: modelServer.url, MODEL_NAME: "preferthinker-7b" });
    try {
      await signUpThroughApi(page, own, "resume@example.com");
      const headers = { Origin: own.url };
      const imported = await page.request.post(`${own.url}/api/benchmarks/imports`, {
        headers,
        data: { folder: "demo", subsets: ["TEST_SP_ID"] },
      });
      expect(imported.status()).toBe(201);
      const subset = ((await imported.json()) as { subsets: { id: string; sampleCount: number }[] }).subsets[0]!;
      const sentBefore = modelServer.requests.length;
      // Two at a time, 250 ms each: about 7 s for the whole subset, time enough to cancel it in the page.
      const started = await page.request.post(`${own.url}/api/benchmarks/runs`, {
        headers,
        data: { subsetId: subset.id, endpoint: "default", mode: "fast", concurrency: 2 },
      });
      expect(started.status()).toBe(201);

      await page.goto(`${own.url}/benchmarks`);
      const run = page.getByRole("listitem", { name: /^Run of .* on TEST_SP_ID$/ });
      await expect(run.getByText("Running", { exact: true })).toBeVisible();
      await run.getByRole("button", { name: "Cancel run" }).click();
      await expect(run.getByText("Cancelled", { exact: true })).toBeVisible();
      const doneAtCancel = Number(/^(\d+) \//.exec((await run.getByText(/ samples$/).textContent()) ?? "")?.[1]);
      expect(doneAtCancel).toBeLessThan(subset.sampleCount);

      await run.getByRole("button", { name: "Resume run" }).click();
      await expect(run.getByText("Completed", { exact: true })).toBeVisible({ timeout: 60_000 });
      await expect(run.getByText(`${subset.sampleCount} / ${subset.sampleCount} samples`)).toBeVisible();
      await expect(run.getByRole("button", { name: "Resume run" })).toHaveCount(0);

      // Every sample asked for; again only those cut off by the cancel (at most one per lane).
      const sent = modelServer.requests.slice(sentBefore);
      const counts = new Map<string, number>();
      for (const request of sent) counts.set(sampleKey(request.body), (counts.get(sampleKey(request.body)) ?? 0) + 1);
      expect(counts.size).toBe(subset.sampleCount);
      expect(sent.length).toBeLessThanOrEqual(subset.sampleCount + 2);
    } finally {
      await own.stop();
    }
  });
});
