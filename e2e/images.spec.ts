import { createHash, randomUUID } from "node:crypto";
import { linkSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { Client } from "pg";
import { makePng, svgWithScript } from "../test/image-samples";
import { startPostgresServer, type PostgresServer } from "../test/postgres-server";
import { signUpThroughApi } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

test.describe("the image library", () => {
  let studio: StudioProcess;
  test.beforeAll(async () => {
    studio = await startStudio();
  });
  test.afterAll(async () => {
    await studio.stop();
  });

  test("uploads from the file picker with a result per file, selects with click and shift-click, and keeps them", async ({
    page,
  }) => {
    await signUpThroughApi(page, studio, "painter@example.com");
    await page.goto(`${studio.url}/images`);
    await expect(page.getByText("No images yet.")).toBeVisible();

    await page.getByLabel("Choose images to upload").setInputFiles([
      { name: "sunset.png", mimeType: "image/png", buffer: await makePng(300, 200) },
      { name: "forest.png", mimeType: "image/png", buffer: await makePng(200, 300) },
      { name: "drawing.svg", mimeType: "image/svg+xml", buffer: svgWithScript },
    ]);
    const uploads = page.getByTestId("upload-item");
    await expect(uploads.filter({ hasText: "sunset.png" })).toContainText("Added");
    await expect(uploads.filter({ hasText: "forest.png" })).toContainText("Added");
    await expect(uploads.filter({ hasText: "drawing.svg" })).toContainText(
      "SVG files are not accepted. Upload a JPEG, PNG, WebP, AVIF or GIF file.",
    );

    const gallery = page.getByRole("list", { name: "Images" });
    await expect(gallery.getByRole("img")).toHaveCount(2);
    await expect(page.getByText(/^2 images/)).toBeVisible();
    const tiles = gallery.getByRole("button");
    await tiles.nth(0).click();
    await expect(tiles.nth(0)).toHaveAttribute("aria-pressed", "true");
    await tiles.nth(1).click({ modifiers: ["Shift"] });
    await expect(page.getByText(/2 selected/)).toBeVisible();

    await page.reload();
    await expect(gallery.getByRole("img")).toHaveCount(2);
    await expect(gallery.getByRole("img", { name: "sunset.png" })).toBeVisible();
  });

  test("takes images dropped on the gallery and pasted from the clipboard", async ({ page }) => {
    await signUpThroughApi(page, studio, "dropper@example.com");
    await page.goto(`${studio.url}/images`);
    await expect(page.getByText("No images yet.")).toBeVisible();
    const dataTransfer = (name: string, base64: string) =>
      page.evaluateHandle(
        ({ name, base64 }) => {
          const transfer = new DataTransfer();
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
          transfer.items.add(new File([bytes], name, { type: "image/png" }));
          return transfer;
        },
        { name, base64 },
      );
    const dropped = await dataTransfer("dropped.png", (await makePng(120, 80)).toString("base64"));
    await page.getByRole("region", { name: "Your images" }).dispatchEvent("drop", { dataTransfer: dropped });
    const pasted = await dataTransfer("pasted.png", (await makePng(80, 120)).toString("base64"));
    await page.evaluate(
      (clipboardData) => document.dispatchEvent(new ClipboardEvent("paste", { clipboardData })),
      pasted,
    );

    const gallery = page.getByRole("list", { name: "Images" });
    await expect(gallery.getByRole("img", { name: "dropped.png" })).toBeVisible();
    await expect(gallery.getByRole("img", { name: "pasted.png" })).toBeVisible();
  });
});

test("takes a photo larger than 10 MB whole, over real HTTP", async ({ page }) => {
  const studio = await startStudio();
  try {
    await signUpThroughApi(page, studio, "photographer@example.com");
    const photo = await sharp({
      create: {
        width: 4000,
        height: 3000,
        channels: 3,
        background: "#808080",
        noise: { type: "gaussian", mean: 128, sigma: 60 },
      },
    })
      .jpeg({ quality: 100 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(10 * 1024 * 1024);
    const response = await page.request.post(`${studio.url}/api/images`, {
      headers: { Origin: studio.url },
      multipart: { files: { name: "big.jpg", mimeType: "image/jpeg", buffer: photo } },
    });
    expect(response.status()).toBe(201);
    expect((await response.json()).files[0].image).toMatchObject({ width: 4000, height: 3000, bytes: photo.length });
  } finally {
    await studio.stop();
  }
});

test("scrolls through 5,000 images keeping only the visible ones in the page", async ({ page }) => {
  test.setTimeout(180_000);
  let postgres: PostgresServer | undefined;
  let studio: StudioProcess | undefined;
  try {
    postgres = await startPostgresServer();
    studio = await startStudio({ DATABASE_URL: postgres.url() });
    await signUpThroughApi(page, studio, "collector@example.com");
    const uploaded = await page.request.post(`${studio.url}/api/images`, {
      headers: { Origin: studio.url },
      multipart: { files: { name: "seed.png", mimeType: "image/png", buffer: await makePng(64, 64) } },
    });
    const seed = (await uploaded.json()).files[0].image as { id: string };

    // 4,999 more images, each its own stored files (hard links to the seed's) and row: the
    // gallery's load is that of 5,000 uploads without spending minutes uploading them.
    const client = new Client({ connectionString: postgres.url() });
    await client.connect();
    const { rows } = await client.query<{ sha256: string }>("SELECT sha256 FROM image WHERE id = $1", [seed.id]);
    const seedFolder = join(studio.dataDir, "images", rows[0]!.sha256.slice(0, 2), rows[0]!.sha256);
    const hashes = Array.from({ length: 4999 }, () => createHash("sha256").update(randomUUID()).digest("hex"));
    for (const hash of hashes) {
      const folder = join(studio.dataDir, "images", hash.slice(0, 2), hash);
      mkdirSync(folder, { recursive: true });
      for (const file of ["original", "normalized.jpg", "thumb.webp"])
        linkSync(join(seedFolder, file), join(folder, file));
    }
    await client.query(
      `INSERT INTO image (id, owner_id, sha256, format, width, height, bytes, original_name, created_at, library_source, added_to_library_at)
       SELECT gen_random_uuid(), owner_id, ($2::text[])[n], format, width, height, bytes, 'copy ' || n, created_at - n * interval '1 second', library_source, added_to_library_at - n * interval '1 second'
       FROM image, generate_series(1, 4999) AS n WHERE id = $1`,
      [seed.id, hashes],
    );
    await client.end();

    await page.goto(`${studio.url}/images`);
    await expect(page.getByText(/^5,000 images/)).toBeVisible();
    const gallery = page.getByRole("list", { name: "Images" });
    await expect(gallery.getByRole("img").first()).toBeVisible();
    expect(await gallery.getByRole("listitem").count()).toBeLessThan(300);

    const scroller = page.getByTestId("gallery-scroller");
    await expect(async () => {
      await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      await expect(gallery.getByRole("img", { name: "copy 4999", exact: true })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    expect(await gallery.getByRole("listitem").count()).toBeLessThan(300);
  } finally {
    await studio?.stop();
    postgres?.stop();
  }
});
