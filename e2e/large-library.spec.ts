import { createHash, randomUUID } from "node:crypto";
import { linkSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { Client } from "pg";
import { makePng } from "../test/image-samples";
import { startPostgresServer, type PostgresServer } from "../test/postgres-server";
import { signUpThroughApi } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

/**
 * A library of 5,000 pictures, as a collector's grows: the gallery and the
 * Assess picker keep only the visible tiles in the page, and the picker
 * finds one picture among them by name. The library is one upload and 4,999
 * copies made straight in the database (each its own row and stored files,
 * hard links to the upload's), so it loads like 5,000 uploads without
 * spending minutes uploading them.
 */

const count = 5000;
/** Named by upload order: the first uploaded is the oldest, so it comes 5,000th, last in the library. */
const nameOf = (index: number) => `library-${String(index + 1).padStart(5, "0")}.png`;

test.describe("a library of 5,000 images", () => {
  let postgres: PostgresServer;
  let studio: StudioProcess;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    postgres = await startPostgresServer();
    studio = await startStudio({ DATABASE_URL: postgres.url() });
    page = await browser.newPage();
    await signUpThroughApi(page, studio, "collector@example.com");
    const uploaded = await page.request.post(`${studio.url}/api/images`, {
      headers: { Origin: studio.url },
      multipart: { files: { name: nameOf(count - 1), mimeType: "image/png", buffer: await makePng(64, 64) } },
    });
    const seed = (await uploaded.json()).files[0].image as { id: string };

    const client = new Client({ connectionString: postgres.url() });
    await client.connect();
    try {
      const { rows } = await client.query<{ sha256: string }>("SELECT sha256 FROM image WHERE id = $1", [seed.id]);
      const seedFolder = join(studio.dataDir, "images", rows[0]!.sha256.slice(0, 2), rows[0]!.sha256);
      const hashes = Array.from({ length: count - 1 }, () => createHash("sha256").update(randomUUID()).digest("hex"));
      for (const hash of hashes) {
        const folder = join(studio.dataDir, "images", hash.slice(0, 2), hash);
        mkdirSync(folder, { recursive: true });
        for (const file of ["original", "normalized.jpg", "thumb.webp"])
          linkSync(join(seedFolder, file), join(folder, file));
      }
      // Copy n is n seconds older than the upload and named as the (count - 1 - n)th upload.
      await client.query(
        `INSERT INTO image (id, owner_id, sha256, format, width, height, bytes, original_name, created_at, library_source, added_to_library_at)
         SELECT gen_random_uuid(), owner_id, ($2::text[])[n], format, width, height, bytes, ($3::text[])[n],
           created_at - n * interval '1 second', library_source, added_to_library_at - n * interval '1 second'
         FROM image, generate_series(1, $4::int) AS n WHERE id = $1`,
        [seed.id, hashes, hashes.map((_, n) => nameOf(count - 2 - n)), count - 1],
      );
    } finally {
      await client.end();
    }
  });
  test.afterAll(async () => {
    await page?.close();
    await studio?.stop();
    postgres?.stop();
  });

  test("the gallery scrolls through them keeping only the visible ones in the page", async () => {
    await page.goto(`${studio.url}/images`);
    await expect(page.getByText(/^5,000 images/)).toBeVisible();
    const gallery = page.getByRole("list", { name: "Images" });
    await expect(gallery.getByRole("img").first()).toBeVisible();
    expect(await gallery.getByRole("listitem").count()).toBeLessThan(300);

    // Each scroll to the end brings the next page; the oldest picture comes last.
    const scroller = page.getByTestId("gallery-scroller");
    await expect
      .poll(
        async () => {
          await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
          return gallery.getByRole("img", { name: nameOf(0), exact: true }).count();
        },
        { timeout: 120_000, intervals: [300] },
      )
      .toBe(1);
    await expect(gallery.getByRole("img", { name: nameOf(0), exact: true })).toBeVisible();
    expect(await gallery.getByRole("listitem").count()).toBeLessThan(300);
  });

  test("the picker finds the 5,000th image by name, and pages to it by scrolling, with fewer than 300 tiles in the page", async () => {
    test.setTimeout(180_000);
    await page.goto(`${studio.url}/assess`);
    const picker = page.getByRole("list", { name: "Images to pick from" });
    await expect(page.getByText("5,000 images, your uploads first")).toBeVisible();
    await expect(picker.getByRole("listitem").first()).toContainText(nameOf(count - 1));
    expect(await picker.getByRole("listitem").count()).toBeLessThan(300);

    await page.getByRole("searchbox", { name: "File name" }).fill(nameOf(0).replace(".png", ""));
    await expect(page.getByText("1 of 5,000 match")).toBeVisible();
    await expect(picker.getByRole("listitem")).toHaveCount(1);
    await expect(picker.getByRole("img", { name: nameOf(0) })).toBeVisible();
    await page.getByRole("button", { name: `Use ${nameOf(0)} as Image A` }).click();
    await expect(page.getByTestId("candidate-a")).toContainText(nameOf(0));

    // Without a filter, scrolling to the end walks every page of the library to the same image.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByText("5,000 images, your uploads first")).toBeVisible();
    const scroller = page.getByTestId("picker-scroller");
    await expect
      .poll(
        async () => {
          await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
          return picker.getByRole("img", { name: nameOf(0) }).count();
        },
        { timeout: 120_000, intervals: [300] },
      )
      .toBe(1);
    expect(await picker.getByRole("listitem").count()).toBeLessThan(300);
  });
});
