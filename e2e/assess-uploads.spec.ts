import { expect, test } from "@playwright/test";
import { ownPhotos } from "./support/own-photos";
import { sharedStudio } from "./support/shared-server";
import { testPassword, uniqueEmail } from "./support/sign-up";

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
