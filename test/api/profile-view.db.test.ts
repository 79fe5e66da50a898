import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoProfile } from "@/lib/demo/demo-attributes";
import { renderDemoImage } from "@/lib/demo/render-demo-image";
import type { Database } from "@/lib/db/open-database";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { readSseEvents } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** A reference set's profile: the latest prediction made from it, beside what its owner says. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-profile-"));
let database: Database;
let session: string;
let other: string;
let setId: string;
let ids: string[] = [];

const routes = {
  images: () => import("@/app/api/images/route"),
  sets: () => import("@/app/api/reference-sets/route"),
  set: () => import("@/app/api/reference-sets/[id]/route"),
  profile: () => import("@/app/api/reference-sets/[id]/profile/route"),
  assessments: () => import("@/app/api/assessments/route"),
};

const liked: DemoProfile = {
  style: "organic",
  hue: "green",
  medium: "gradient",
  saturation: "vivid",
  detail: "minimal",
};
const disliked: DemoProfile = {
  style: "striped",
  hue: "purple",
  medium: "pixel",
  saturation: "muted",
  detail: "intricate",
};

setEnvironmentForSuite({ DATA_DIR: dataDir });
beforeAll(async () => {
  database = await openTestDatabase("embedded");
  session = (await signUpPerson("profile@example.com")).sessionToken;
  other = (await signUpPerson("someone@example.com")).sessionToken;
  const form = new FormData();
  for (const [index, profile] of [liked, liked, liked, disliked, disliked, disliked, liked, disliked].entries()) {
    const png = await sharp(renderDemoImage(profile, new MersenneTwister(index + 1)), {
      raw: { width: 128, height: 128, channels: 3 },
    })
      .png()
      .toBuffer();
    form.append("files", new Blob([new Uint8Array(png)]), `p-${index}.png`);
  }
  const uploaded = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: session, body: form });
  ids = ((await uploaded.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
  const created = await callRoute(await routes.sets(), "POST", "/api/reference-sets", {
    sessionToken: session,
    body: { name: "Greens", preferredImageIds: ids.slice(0, 3), nonPreferredImageIds: ids.slice(3, 6) },
  });
  setId = ((await created.json()) as { referenceSet: { id: string } }).referenceSet.id;
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const view = async (token = session) =>
  callRoute(await routes.profile(), "GET", `/api/reference-sets/${setId}/profile`, {
    sessionToken: token,
    params: { id: setId },
  });

describe("GET /api/reference-sets/:id/profile", () => {
  it("has nothing predicted before an assessment ran from the set", async () => {
    const body = await (await view()).json();
    expect(body).toMatchObject({ referenceSet: { id: setId, name: "Greens" }, predicted: null, stated: null });
  });

  it("shows the latest predicted profile, the stated one, and where they meet or part", async () => {
    const events = await readSseEvents(
      await callRoute(await routes.assessments(), "POST", "/api/assessments", {
        sessionToken: session,
        body: {
          preferredImageIds: ids.slice(0, 3),
          nonPreferredImageIds: ids.slice(3, 6),
          candidateImageIds: ids.slice(6, 8),
          referenceSetId: setId,
        },
      }),
    );
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    await callRoute(await routes.set(), "PATCH", `/api/reference-sets/${setId}`, {
      sessionToken: session,
      params: { id: setId },
      body: {
        statedProfile: {
          preference: { Color: "greens and teals", Saturation: "soft pastels" },
          nonPreference: { Color: "purple" },
        },
      },
    });
    const body = await (await view()).json();
    expect(body.predicted).toMatchObject({
      model: "baseline-image-statistics",
      provider: "baseline",
      assessmentId: events[0]!.data.assessmentId,
    });
    expect(body.predicted.preference[0].Color).toBe("green");
    expect(body.predicted.flattenedPreference).toMatch(/^art styles: .*color: green/);
    expect(body.stated.preference.Color).toBe("greens and teals");
    expect(body.comparison.preference).toMatchObject({ Color: "shared-words", Saturation: "differs" });
    expect(body.comparison.nonPreference.Color).toBe("shared-words");
  });

  it("is someone else's business to nobody", async () => {
    expect((await view(other)).status).toBe(404);
  });
});
