import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { makePng, svgWithScript } from "../test/image-samples";
import { sharedStudio } from "./support/shared-server";
import { signUpThroughApi, uniqueEmail } from "./support/sign-up";

test.describe("the image library", () => {
  const studio = sharedStudio;

  test("uploads from the file picker with a result per file, selects with click and shift-click, and keeps them", async ({
    page,
  }) => {
    await signUpThroughApi(page, studio, uniqueEmail("painter"));
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
    await signUpThroughApi(page, studio, uniqueEmail("dropper"));
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
  const studio = sharedStudio;
  await signUpThroughApi(page, studio, uniqueEmail("photographer"));
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
});
