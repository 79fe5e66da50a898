import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { ImageJson, ImagePage } from "@/lib/images/image-contract";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { makePng } from "@/test/image-samples";
import { readSseEvents } from "@/test/read-sse-events";
import { openTestDatabase } from "@/test/test-databases";

/** The personal library: its order (own uploads first), filters, paging, lookups by id, and taking images out of it. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-image-library-"));
const demo = join(dataDir, "demo");
let database: Database;
let token: string;
let otherToken: string;
let uploads: ImageJson[];
let demoIds: string[];

const routes = {
  images: () => import("@/app/api/images/route"),
  file: () => import("@/app/api/images/[id]/[variant]/route"),
  removals: () => import("@/app/api/images/removals/route"),
  demoImport: () => import("@/app/api/demo/samples/import/route"),
  sets: () => import("@/app/api/reference-sets/route"),
  set: () => import("@/app/api/reference-sets/[id]/route"),
  assessments: () => import("@/app/api/assessments/route"),
  assessment: () => import("@/app/api/assessments/[id]/route"),
};

/** Each name gets bytes of its own (a picture of its own width), the same bytes whenever it comes again. */
const widths = new Map<string, number>();
const widthOf = (name: string) => widths.get(name) ?? widths.set(name, 40 + widths.size).get(name)!;

async function upload(names: string[], as = token): Promise<ImageJson[]> {
  const form = new FormData();
  for (const name of names) form.append("files", new Blob([new Uint8Array(await makePng(widthOf(name), 30))]), name);
  const response = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: as, body: form });
  return ((await response.json()) as { files: { image: ImageJson }[] }).files.map((file) => file.image);
}

async function list(query: string, as = token) {
  const response = await callRoute(await routes.images(), "GET", `/api/images${query}`, { sessionToken: as });
  return { status: response.status, body: (await response.json()) as ImagePage & { error: { message: string } } };
}

const remove = async (imageIds: string[], as = token) => {
  const response = await callRoute(await routes.removals(), "POST", "/api/images/removals", {
    sessionToken: as,
    body: { imageIds },
  });
  return {
    status: response.status,
    body: (await response.json()) as { deleted: number; keptForStoredWork: number; error: { message: string } },
  };
};

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demo, MODEL_API_URL: undefined });
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 2 } });
  database = await openTestDatabase("embedded");
  token = (await signUpPerson("owner@example.com")).sessionToken;
  otherToken = (await signUpPerson("other@example.com")).sessionToken;
  // A demo person's twelve pictures first, then the person's own uploads: the uploads must still list first.
  const demoResponse = await callRoute(await routes.demoImport(), "POST", "/api/demo/samples/import", {
    sessionToken: token,
    body: { subset: "TEST_SP_ID", index: 0 },
  });
  const demoSample = (await demoResponse.json()) as {
    preferredImageIds: string[];
    nonPreferredImageIds: string[];
    candidateImageIds: string[];
  };
  demoIds = [...demoSample.preferredImageIds, ...demoSample.nonPreferredImageIds, ...demoSample.candidateImageIds];
  uploads = [];
  for (const name of ["beach-morning.png", "Beach-evening.png", "forest.png", "city-night.png", "desert.png"])
    uploads.push(...(await upload([name])));
}, 60_000);

afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the library's listing", () => {
  it("shows the person's own uploads first, newest first, then the demo pictures", async () => {
    const { body } = await list("?limit=500");
    expect(body.total).toBe(17);
    expect(body.libraryTotal).toBe(17);
    expect(body.images.slice(0, 5).map((image) => image.name)).toEqual([
      "desert.png",
      "city-night.png",
      "forest.png",
      "Beach-evening.png",
      "beach-morning.png",
    ]);
    expect(body.images.slice(0, 5).every((image) => image.source === "upload")).toBe(true);
    expect(new Set(body.images.slice(5).map((image) => image.id))).toEqual(new Set(demoIds));
    expect(body.images.slice(5).every((image) => image.source === "demo" && image.name.startsWith("demo-"))).toBe(true);
  });

  it("pages through that order with after=<id>, across the change from uploads to demo pictures", async () => {
    const all = (await list("?limit=500")).body.images.map((image) => image.id);
    const seen: string[] = [];
    let after = "";
    for (let page = 0; page < 10; page++) {
      const { body } = await list(`?limit=4${after ? `&after=${after}` : ""}`);
      seen.push(...body.images.map((image) => image.id));
      if (body.images.length < 4) break;
      after = body.images.at(-1)!.id;
    }
    expect(seen).toEqual(all);
  });

  it("finds by part of the name in any case, with LIKE's wildcards taken literally, and counts the matches beside the whole", async () => {
    const beach = (await list("?name=BEACH")).body;
    expect(beach.images.map((image) => image.name)).toEqual(["Beach-evening.png", "beach-morning.png"]);
    expect(beach).toMatchObject({ total: 2, libraryTotal: 17 });
    expect((await list(`?name=${encodeURIComponent("b_ach")}`)).body.total).toBe(0);
    expect((await list(`?name=${encodeURIComponent("%")}`)).body.total).toBe(0);
  });

  it("narrows by source and by the day an image was added", async () => {
    expect((await list("?source=upload")).body.total).toBe(5);
    expect((await list("?source=demo")).body.total).toBe(12);
    const now = Date.now();
    const around = `addedFrom=${new Date(now - 3_600_000).toISOString()}&addedBefore=${new Date(now + 3_600_000).toISOString()}`;
    expect((await list(`?source=upload&${around}`)).body.total).toBe(5);
    const yesterday = `addedFrom=${new Date(now - 48 * 3_600_000).toISOString()}&addedBefore=${new Date(now - 24 * 3_600_000).toISOString()}`;
    expect((await list(`?${yesterday}`)).body).toMatchObject({ images: [], total: 0, libraryTotal: 17 });
  });

  it("looks up the person's library images by id, ignoring anyone else's", async () => {
    const [theirs] = await upload(["theirs.png"], otherToken);
    const { body } = await list(`?ids=${uploads[0]!.id},${theirs!.id},${demoIds[0]}`);
    expect(body.images.map((image) => image.id).sort()).toEqual([uploads[0]!.id, demoIds[0]].sort());
  });

  it.each([
    ["?limit=0", /^limit: /],
    ["?source=benchmark", /^source: must be upload or demo/],
    ["?after=not-an-id", /^after: must be the id of one of your images/],
    ["?addedFrom=yesterday", /^addedFrom: must be a date and time/],
    [`?addedFrom=2026-01-02T00:00:00Z&addedBefore=2026-01-01T00:00:00Z`, /^addedBefore: must be later than addedFrom/],
    ["?ids=1,2", /^ids\.0: must be image ids/],
  ])("refuses %s with a 400 that names the parameter", async (query, message) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it("refuses a cursor that is another person's image", async () => {
    const { status } = await list(`?after=${uploads[0]!.id}`, otherToken);
    expect(status).toBe(400);
  });
});

describe("taking images out of the library", () => {
  it("deletes unused images, keeps those a stored assessment uses for that assessment, and takes both out of reference sets", async () => {
    const [keep1, keep2, unused, inSet] = await upload(["keep-1.png", "keep-2.png", "unused.png", "in-set.png"]);
    const started = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: token,
      body: {
        preferredImageIds: [keep1!.id],
        nonPreferredImageIds: [demoIds[5]],
        candidateImageIds: [keep2!.id, demoIds[11]],
        mode: "fast",
      },
    });
    expect(started.status).toBe(200);
    const assessmentId = (await readSseEvents(started))[0]!.data.assessmentId as string;
    const setResponse = await callRoute(await routes.sets(), "POST", "/api/reference-sets", {
      sessionToken: token,
      body: {
        name: "Mixed",
        preferredImageIds: [inSet!.id, keep1!.id],
        nonPreferredImageIds: [unused!.id, demoIds[5]],
      },
    });
    const setId = ((await setResponse.json()) as { referenceSet: { id: string } }).referenceSet.id;

    // Someone else cannot remove them: their ids are ignored.
    expect((await remove([keep1!.id, unused!.id], otherToken)).body).toMatchObject({
      deleted: 0,
      keptForStoredWork: 0,
    });

    const { status, body } = await remove([keep1!.id, keep2!.id, unused!.id, inSet!.id]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ deleted: 2, keptForStoredWork: 2 });
    const listed = (await list("?limit=500")).body.images.map((image) => image.id);
    for (const image of [keep1, keep2, unused, inSet]) expect(listed).not.toContain(image!.id);

    // The assessment still has its pictures; the deleted ones are gone for good.
    const stored = (await (
      await callRoute(await routes.assessment(), "GET", `/api/assessments/${assessmentId}`, {
        sessionToken: token,
        params: { id: assessmentId },
      })
    ).json()) as { assessment: { candidateImageIds: string[] } };
    expect(stored.assessment.candidateImageIds).toEqual([keep2!.id, demoIds[11]]);
    const thumb = async (id: string) =>
      (
        await callRoute(await routes.file(), "GET", `/api/images/${id}/thumb`, {
          sessionToken: token,
          params: { id, variant: "thumb" },
        })
      ).status;
    expect(await thumb(keep2!.id)).toBe(200);
    expect(await thumb(unused!.id)).toBe(404);

    // The reference set lost the removed images and kept the rest in order.
    const set = (await (
      await callRoute(await routes.set(), "GET", `/api/reference-sets/${setId}`, {
        sessionToken: token,
        params: { id: setId },
      })
    ).json()) as { referenceSet: { preferredImageIds: string[]; nonPreferredImageIds: string[] } };
    expect(set.referenceSet).toMatchObject({ preferredImageIds: [], nonPreferredImageIds: [demoIds[5]] });

    // A removed image cannot start a new assessment, and removing it again changes nothing.
    const again = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: token,
      body: {
        preferredImageIds: [keep1!.id],
        nonPreferredImageIds: [demoIds[5]],
        candidateImageIds: [demoIds[10], demoIds[11]],
        mode: "fast",
      },
    });
    expect(again.status).toBe(404);
    expect((await remove([keep1!.id, unused!.id])).body).toMatchObject({ deleted: 0, keptForStoredWork: 0 });

    // Uploading a kept image's bytes again puts it back in the library, same id.
    const [back] = await upload(["keep-1.png"]);
    expect(back!.id).toBe(keep1!.id);
    expect(back!.source).toBe("upload");
  });

  it.each([
    [{ imageIds: [] }, /^imageIds: name at least one image/],
    [{ imageIds: ["x"] }, /^imageIds\.0: must be image ids/],
    [{ ids: [] }, /./],
  ])("refuses %j with a 400", async (body, message) => {
    const response = await callRoute(await routes.removals(), "POST", "/api/images/removals", {
      sessionToken: token,
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
  });
});
