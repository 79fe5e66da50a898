import { expect, test } from "@playwright/test";
import { sharedStudio } from "./support/shared-server";
import { signUpThroughApi, uniqueEmail } from "./support/sign-up";

test.describe("the demo sets", () => {
  const studio = sharedStudio;

  test("a newcomer browses the simulated people and takes one's pictures into their library", async ({
    page,
  }, testInfo) => {
    await signUpThroughApi(page, studio, uniqueEmail("newcomer"));
    await page.goto(`${studio.url}/images`);
    await page.getByRole("link", { name: "Take a demo set" }).click();
    await expect(page.getByRole("heading", { name: "Demo sets" })).toBeVisible();
    await expect(page.getByRole("button", { name: /One taste, seen \(60\)/ })).toHaveAttribute("aria-pressed", "true");

    const card = page.getByRole("article").first();
    await expect(card.getByRole("img", { name: /^Liked \d$/ })).toHaveCount(5);
    await expect(card.getByRole("img", { name: "Liked 1", exact: true })).toHaveJSProperty("complete", true);
    expect(
      await card
        .getByRole("img", { name: "Liked 1", exact: true })
        .evaluate((image: HTMLImageElement) => image.naturalWidth),
    ).toBe(128);
    await card.getByText("True taste and answer").click();
    await expect(card.getByText(/This person prefers Image [AB]/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("demo-sets.png"), fullPage: false });

    await card.getByRole("button", { name: "Add these 12 pictures to my library" }).click();
    await expect(card.getByRole("status")).toContainText("Added");
    await card.getByRole("link", { name: "See them in your images" }).click();
    await expect(page.getByText("12 images")).toBeVisible();

    await page.getByRole("link", { name: "Take a demo set" }).click();
    await page.getByRole("button", { name: /Two tastes, unseen/ }).click();
    await expect(page.getByRole("heading", { name: /Person test_mp_od-000/ })).toBeVisible();
  });
});
