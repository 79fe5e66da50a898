import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { Database } from "@/lib/db/open-database";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { readSseEvents } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** The demo benchmark through the API: browsing it, its pictures, and taking a sample into one's library to assess. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-demo-api-"));
let database: Database;
let session: string;

const routes = {
  overview: () => import("@/app/api/demo/route"),
  samples: () => import("@/app/api/demo/samples/route"),
  image: () => import("@/app/api/demo/images/[...path]/route"),
  importSample: () => import("@/app/api/demo/samples/import/route"),
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
};

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: join(dataDir, "demo") });
beforeAll(async () => {
  await writeDemoBenchmark(join(dataDir, "demo"), { sizes: { TEST_SP_ID: 3, TEST_MP_OD: 2 } });
  database = await openTestDatabase("embedded");
  session = (await signUpPerson("demo@example.com")).sessionToken;
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo benchmark API", () => {
  it("says which subsets the demo holds", async () => {
    const response = await callRoute(await routes.overview(), "GET", "/api/demo", { sessionToken: session });
    expect(await response.json()).toEqual({
      available: true,
      seed: 20260101,
      subsets: [
        { subset: "TEST_SP_ID", samples: 3 },
        { subset: "TEST_MP_OD", samples: 2 },
      ],
    });
  });

  it("pages through a subset's samples, with their ground truth", async () => {
    const page = (await (
      await callRoute(await routes.samples(), "GET", "/api/demo/samples?subset=TEST_SP_ID&limit=2", {
        sessionToken: session,
      })
    ).json()) as {
      samples: {
        index: number;
        label: string;
        preferAttributes: Record<string, string>;
        images: { preferred: string[] };
      }[];
      total: number;
      nextOffset: number | null;
    };
    expect(page.total).toBe(3);
    expect(page.nextOffset).toBe(2);
    expect(page.samples.map((sample) => sample.index)).toEqual([0, 1]);
    expect(page.samples[0]!.preferAttributes.Color).toMatch(/ hues$/);
    expect(page.samples[0]!.images.preferred).toHaveLength(5);
    const bad = await callRoute(await routes.samples(), "GET", "/api/demo/samples?subset=TEST_XX", {
      sessionToken: session,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/subset must be one of/);
  });

  it("serves a demo picture, and nothing outside the demo's pictures", async () => {
    const image = await callRoute(await routes.image(), "GET", "/api/demo/images/TEST_SP_ID/000_liked_1.jpg", {
      sessionToken: session,
      params: { path: ["TEST_SP_ID", "000_liked_1.jpg"] },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(128);
    for (const path of [
      ["..", "demo-manifest.json"],
      ["..", "..", "db.lock"],
      ["TEST_SP_ID", "nothing.jpg"],
    ]) {
      const refused = await callRoute(await routes.image(), "GET", `/api/demo/images/${path.join("/")}`, {
        sessionToken: session,
        params: { path },
      });
      expect(refused.status).toBe(404);
    }
  });

  it("takes a sample into the caller's library once, and it can be assessed at once", async () => {
    const first = await callRoute(await routes.importSample(), "POST", "/api/demo/samples/import", {
      sessionToken: session,
      body: { subset: "TEST_MP_OD", index: 1 },
    });
    expect(first.status).toBe(201);
    const ids = (await first.json()) as {
      preferredImageIds: string[];
      nonPreferredImageIds: string[];
      candidateImageIds: string[];
      label: string;
    };
    expect([ids.preferredImageIds.length, ids.nonPreferredImageIds.length, ids.candidateImageIds.length]).toEqual([
      5, 5, 2,
    ]);
    const again = (await (
      await callRoute(await routes.importSample(), "POST", "/api/demo/samples/import", {
        sessionToken: session,
        body: { subset: "TEST_MP_OD", index: 1 },
      })
    ).json()) as typeof ids;
    expect(again).toEqual(ids);
    const library = (await (
      await callRoute(await routes.images(), "GET", "/api/images", { sessionToken: session })
    ).json()) as { images: unknown[] };
    expect(library.images).toHaveLength(12);

    const { label, ...body } = ids;
    const events = await readSseEvents(
      await callRoute(await routes.assessments(), "POST", "/api/assessments", { sessionToken: session, body }),
    );
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    expect(["Image A", "Image B"]).toContain(label);
  });

  it("refuses a sample that does not exist", async () => {
    const response = await callRoute(await routes.importSample(), "POST", "/api/demo/samples/import", {
      sessionToken: session,
      body: { subset: "TEST_SP_ID", index: 99 },
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe("The demo benchmark has no sample 99 in TEST_SP_ID.");
  });
});
