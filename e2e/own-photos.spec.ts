import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import type { DemoProfile } from "../lib/demo/demo-attributes";
import { renderDemoImage } from "../lib/demo/render-demo-image";
import { MersenneTwister } from "../lib/preferthinker/python-random";
import { sharedStudio } from "./support/shared-server";
import { testPassword, uniqueEmail } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

/**
 * A person's own photos come first: on a fresh installation the first
 * account also receives the demo benchmark, and none of its pictures may
 * crowd that person's library, the gallery or the Assess picker.
 */

const warm: DemoProfile = {
  style: "organic",
  hue: "orange",
  medium: "gradient",
  saturation: "vivid",
  detail: "minimal",
};
const cold: DemoProfile = { style: "striped", hue: "blue", medium: "pixel", saturation: "muted", detail: "intricate" };

/** Twelve photos of the person's: five warm ones they like, five cold ones they dislike, then one of each as candidates. */
async function ownPhotos() {
  return Promise.all(
    Array.from({ length: 12 }, async (_, index) => {
      const profile = index < 5 || index === 11 ? warm : cold;
      const pixels = renderDemoImage(profile, new MersenneTwister(1000 + index));
      return {
        name: `my-photo-${String(index + 1).padStart(2, "0")}.png`,
        mimeType: "image/png",
        buffer: await sharp(pixels, { raw: { width: 128, height: 128, channels: 3 } })
          .png()
          .toBuffer(),
      };
    }),
  );
}

const tileNames = async (page: Page, list: string) =>
  (
    await page
      .getByRole("list", { name: list })
      .getByRole("img")
      .evaluateAll((images) => images.map((image) => image.getAttribute("alt")))
  ).sort();

test.describe("a fresh installation", () => {
  let studio: StudioProcess;
  test.beforeAll(async () => {
    // The first account gets the demo benchmark's subsets, as every new installation does.
    studio = await startStudio({ DEMO_IMPORT: "on" });
  });
  test.afterAll(async () => {
    await studio.stop();
  });

  test("the first person's twelve photos are all in the picker and the gallery, no benchmark picture among them, and they can be assessed", async ({
    page,
  }, testInfo) => {
    test.setTimeout(300_000);
    await page.goto(`${studio.url}/sign-up`);
    await page.getByLabel("Email").fill("first@example.com");
    await page.getByLabel("Password", { exact: true }).fill(testPassword);
    await page.getByRole("button", { name: /create account|sign up/i }).click();
    await expect(page).not.toHaveURL(/sign-up/);

    // The demo subsets finish importing in the background.
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${studio.url}/api/benchmarks/subsets`)).json()) as {
              subsets: { name: string }[];
            }
          ).subsets
            .map((subset) => subset.name)
            .sort(),
        { timeout: 240_000, intervals: [1000] },
      )
      .toEqual(["TEST_MP_ID", "TEST_MP_OD", "TEST_SP_ID", "TEST_SP_OD"]);

    await page.goto(`${studio.url}/images`);
    const photos = await ownPhotos();
    const names = photos.map((photo) => photo.name).sort();
    await page.getByLabel("Choose images to upload").setInputFiles(photos);
    await expect(page.getByTestId("upload-item").filter({ hasText: "Added" })).toHaveCount(12);
    await expect(page.getByText("12 images, your uploads first")).toBeVisible();
    await expect.poll(() => tileNames(page, "Images")).toEqual(names);

    await page.goto(`${studio.url}/assess`);
    await expect(page.getByText("12 images, your uploads first")).toBeVisible();
    await expect.poll(() => tileNames(page, "Images to pick from")).toEqual(names);

    for (const name of names.slice(0, 5)) await page.getByRole("button", { name: `Add ${name} to Liked` }).click();
    for (const name of names.slice(5, 10)) await page.getByRole("button", { name: `Add ${name} to Disliked` }).click();
    await page.getByRole("button", { name: `Use ${names[10]} as Image A` }).click();
    await page.getByRole("button", { name: `Use ${names[11]} as Image B` }).click();
    // The columns and slots name what they hold.
    await expect(page.getByTestId("column-preferred")).toContainText(names[0]!);
    await expect(page.getByTestId("candidate-b")).toContainText(names[11]!);

    await page.getByRole("button", { name: "Assess", exact: true }).click();
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await expect(page.getByRole("status").filter({ hasText: "Finished" })).toBeVisible();

    // What the person sees, kept with the test's results.
    await page.getByRole("searchbox", { name: "File name" }).fill("photo-1");
    await expect
      .poll(() => tileNames(page, "Images to pick from"))
      .toEqual(["my-photo-10.png", "my-photo-11.png", "my-photo-12.png"]);
    await page.screenshot({ path: testInfo.outputPath("assess-picker-filtered.png"), fullPage: true });
    await page.goto(`${studio.url}/images`);
    await page.getByRole("button", { name: /my-photo-11\.png/ }).click();
    await page.getByRole("button", { name: /my-photo-12\.png/ }).click();
    await expect(page.getByRole("group", { name: "Selected images" })).toContainText("2 images selected");
    await page.screenshot({ path: testInfo.outputPath("gallery-selection.png"), fullPage: true });

    // The selection goes to Assess as the two candidates.
    await page.getByRole("button", { name: "Assess as A and B" }).click();
    await expect(page).toHaveURL(`${studio.url}/assess`);
    await expect(page.getByTestId("candidate-a")).toContainText("my-photo-11.png");
    await expect(page.getByTestId("candidate-b")).toContainText("my-photo-12.png");

    // Removing: a photo the stored assessment used stays for it; one nothing used is deleted.
    const extra = await page.request.post(`${studio.url}/api/images`, {
      headers: { Origin: studio.url },
      multipart: {
        files: {
          ...photos[0]!,
          name: "blurry-duplicate.png",
          buffer: await sharp(photos[0]!.buffer).flip().png().toBuffer(),
        },
      },
    });
    expect(extra.status()).toBe(201);
    await page.goto(`${studio.url}/images`);
    await expect(page.getByText("13 images, your uploads first")).toBeVisible();
    await page.getByRole("button", { name: /blurry-duplicate\.png/ }).click();
    await page.getByRole("button", { name: /my-photo-12\.png/ }).click();
    await page.getByRole("button", { name: "Remove…" }).click();
    await page.getByRole("button", { name: "Remove 2 images" }).click();
    await expect(page.getByRole("status")).toContainText(
      "Removed 2 images from your library; 1 of them stay with the stored assessments or benchmarks that use them.",
    );
    await expect(page.getByText("11 images, your uploads first")).toBeVisible();
    await expect.poll(() => tileNames(page, "Images")).toEqual(names.slice(0, 11));

    await page.goto(`${studio.url}/`);
    await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
  });
});

test.describe("uploads straight into the assess page", () => {
  const studio = sharedStudio;

  test("a file dropped on a candidate slot becomes that candidate, and a refused file says why in its column", async ({
    page,
  }) => {
    const signedUp = await page.request.post(`${studio.url}/api/auth/sign-up`, {
      headers: { Origin: studio.url },
      data: { email: uniqueEmail("dropper"), password: testPassword },
    });
    expect(signedUp.status()).toBe(201);
    await page.goto(`${studio.url}/assess`);
    const [photo] = await ownPhotos();
    const dropped = await page.evaluateHandle(
      ({ bytes, name }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "image/png" }));
        return transfer;
      },
      { bytes: [...photo!.buffer], name: "dropped-on-b.png" },
    );
    await page.getByTestId("candidate-b").dispatchEvent("drop", { dataTransfer: dropped });
    await expect(page.getByTestId("candidate-b")).toContainText("dropped-on-b.png");
    await expect(page.getByRole("img", { name: "Image B: dropped-on-b.png" })).toBeVisible();

    await page.getByLabel("Choose images to upload into Disliked").setInputFiles([
      {
        name: "drawing.svg",
        mimeType: "image/svg+xml",
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'),
      },
    ]);
    const column = page.getByTestId("column-nonPreferred");
    await expect(column.getByRole("alert")).toContainText(
      "drawing.svg: SVG files are not accepted. Upload a JPEG, PNG, WebP, AVIF or GIF file.",
    );
    await expect(column.getByRole("img")).toHaveCount(0);
    await column.getByRole("button", { name: "Dismiss" }).click();
    await expect(column.getByRole("alert")).toHaveCount(0);
  });
});
