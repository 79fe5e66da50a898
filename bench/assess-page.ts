/**
 * The assess page in a real browser (Debian Chromium, production build):
 * its first-load JavaScript as transferred (compressed, as the server sends
 * it), and the long tasks (over 50 ms) while it renders a stream of about 100
 * tokens per second from a fake model server. Goals: at most 200 KB of
 * JavaScript; no long task over 50 ms while streaming.
 *
 *   node --import tsx --conditions=react-server bench/assess-page.ts
 */
import { readFileSync, rmSync } from "node:fs";
import { chromium } from "@playwright/test";
import sharp from "sharp";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { startStudio } from "../e2e/support/studio-process";
import { startFakeModelServer } from "../test/fake-model-server";

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");
// About 4 characters a token: the transcript with longer rationales, about 500 tokens at 100 tokens/s.
const longer = transcript.replace(
  /;\n/g,
  "; the palette, the brushwork and the composition all point the same way for this person, as the references show;\n",
);
const model = await startFakeModelServer({ model: "preferthinker-7b" });
const studio = await startStudio({ MODEL_API_URL: model.url, MODEL_NAME: "preferthinker-7b", DEMO_DATA: "off" });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ baseURL: studio.url });
  const page = await context.newPage();
  await page.request.post("/api/auth/sign-up", {
    headers: { Origin: studio.url },
    data: { email: "bench@example.com", password: "a long and unusual passphrase" },
  });
  const ids: string[] = [];
  for (let index = 0; index < 6; index++) {
    const png = await sharp({
      create: { width: 96, height: 96, channels: 3, background: { r: 40 * index, g: 120, b: 200 } },
    })
      .png()
      .toBuffer();
    const response = await page.request.post("/api/images", {
      headers: { Origin: studio.url },
      multipart: { files: { name: `bench-${index}.png`, mimeType: "image/png", buffer: png } },
    });
    ids.push(((await response.json()) as { files: { image: { id: string } }[] }).files[0]!.image.id);
  }

  // First load: every script the page fetched, as it travelled.
  await page.goto("/assess", { waitUntil: "networkidle" });
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script" || entry.name.endsWith(".js"))
      .map((entry) => ({
        name: entry.name,
        transferred: (entry as PerformanceResourceTiming).encodedBodySize,
        decoded: (entry as PerformanceResourceTiming).decodedBodySize,
      })),
  );
  const transferred = scripts.reduce((sum, script) => sum + script.transferred, 0);
  const decoded = scripts.reduce((sum, script) => sum + script.decoded, 0);
  console.log(
    `assess page, first load: ${scripts.length} scripts, ${(transferred / 1024).toFixed(1)} KB transferred (compressed), ${(decoded / 1024).toFixed(1)} KB uncompressed; goal at most 200 KB compressed`,
  );

  // Streaming: 100 tokens/s of 4 characters, observed for long tasks.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = seen;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.push(entry.duration))).observe({
      type: "longtask",
      buffered: false,
    });
  });
  for (const [label, slice] of [
    ["Liked", ids.slice(0, 2)],
    ["Disliked", ids.slice(2, 4)],
  ] as const) {
    for (const id of slice)
      await page.getByRole("button", { name: new RegExp(`^Add bench-${ids.indexOf(id)}\\.png to ${label}$`) }).click();
  }
  await page.getByRole("button", { name: "Use bench-4.png as Image A" }).click();
  await page.getByRole("button", { name: "Use bench-5.png as Image B" }).click();
  model.queue({ kind: "stream", text: longer, chunkSize: 4, delayMs: 10 });
  const started = performance.now();
  await page.getByRole("button", { name: "Assess" }).click();
  await page.getByTestId("answer").waitFor({ timeout: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const tokens = Math.ceil(longer.length / 4);
  console.log(
    `streaming ${tokens} tokens at about ${(tokens / seconds).toFixed(0)} tokens/s for ${seconds.toFixed(1)} s: ${longTasks.length} long tasks${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ""}; goal none over 50 ms`,
  );
} finally {
  await browser.close();
  await studio.stop();
  await model.close();
  rmSync(studio.dataDir, { recursive: true, force: true });
}
