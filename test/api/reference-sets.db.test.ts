import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { makePng } from "@/test/image-samples";
import { readSseEvents } from "@/test/read-sse-events";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** Reference sets through their API, and assessments that name their set or repeat another swapped. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-reference-sets-"));
const routes = {
  images: () => import("@/app/api/images/route"),
  sets: () => import("@/app/api/reference-sets/route"),
  set: () => import("@/app/api/reference-sets/[id]/route"),
  assessments: () => import("@/app/api/assessments/route"),
  assessment: () => import("@/app/api/assessments/[id]/route"),
};

type ReferenceSetJson = {
  id: string;
  name: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  statedProfile: { preference: Record<string, string>; nonPreference: Record<string, string> } | null;
  createdAt: string;
  updatedAt: string;
};

let database: Database;
let owner: TestPerson;
let other: TestPerson;
let admin: TestPerson;
let images: string[] = [];
let othersImage: string;

async function upload(person: TestPerson, sizes: number[]): Promise<string[]> {
  const form = new FormData();
  for (const size of sizes)
    form.append("files", new Blob([new Uint8Array(await makePng(size, 24))]), `image-${size}.png`);
  const response = await callRoute(await routes.images(), "POST", "/api/images", {
    sessionToken: person.sessionToken,
    body: form,
  });
  return ((await response.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
}

const create = async (body: unknown, as = owner) =>
  callRoute(await routes.sets(), "POST", "/api/reference-sets", { sessionToken: as.sessionToken, body });
const read = async (id: string, as = owner) =>
  callRoute(await routes.set(), "GET", `/api/reference-sets/${id}`, { sessionToken: as.sessionToken, params: { id } });
const change = async (id: string, body: unknown, as = owner) =>
  callRoute(await routes.set(), "PATCH", `/api/reference-sets/${id}`, {
    sessionToken: as.sessionToken,
    params: { id },
    body,
  });
const remove = async (id: string, as = owner) =>
  callRoute(await routes.set(), "DELETE", `/api/reference-sets/${id}`, {
    sessionToken: as.sessionToken,
    params: { id },
  });
const setOf = async (response: Response) =>
  ((await response.json()) as { referenceSet: ReferenceSetJson }).referenceSet;
const listOf = async (as = owner) =>
  (
    (await (
      await callRoute(await routes.sets(), "GET", "/api/reference-sets", { sessionToken: as.sessionToken })
    ).json()) as {
      referenceSets: ReferenceSetJson[];
    }
  ).referenceSets;
const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;

// No model server: assessments run on the built-in baseline.
setEnvironmentForSuite({ DATA_DIR: dataDir, MODEL_API_URL: undefined });
beforeAll(async () => {
  database = await openTestDatabase("embedded");
  admin = await signUpPerson("admin@example.com", { roles: ["admin"] });
  owner = await signUpPerson("owner@example.com");
  other = await signUpPerson("other@example.com");
  images = await upload(owner, [20, 21, 22, 23, 24, 25]);
  othersImage = (await upload(other, [30]))[0]!;
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("reference sets", () => {
  it("creates, reads, lists, changes and deletes the owner's set", async () => {
    const created = await create({
      name: "  Warm watercolours  ",
      preferredImageIds: images.slice(0, 2),
      nonPreferredImageIds: images.slice(2, 3),
    });
    expect(created.status).toBe(201);
    const set = await setOf(created);
    expect(set).toMatchObject({
      name: "Warm watercolours",
      preferredImageIds: images.slice(0, 2),
      nonPreferredImageIds: images.slice(2, 3),
      statedProfile: null,
    });
    expect(new Date(set.createdAt).toISOString()).toBe(set.createdAt);
    expect(await setOf(await read(set.id))).toEqual(set);

    const small = await setOf(
      await create({ name: "Just one", preferredImageIds: [], nonPreferredImageIds: images.slice(5, 6) }),
    );
    expect((await listOf()).map((entry) => entry.id)).toEqual([small.id, set.id]);

    const stated = {
      preference: { Color: "warm oranges", "Art Styles": " loose watercolour " },
      nonPreference: { Saturation: "neon", Detail: "" },
    };
    const changed = await change(set.id, { name: "Warm", preferredImageIds: [images[0]], statedProfile: stated });
    expect(changed.status).toBe(200);
    const updated = await setOf(changed);
    expect(updated).toMatchObject({
      name: "Warm",
      preferredImageIds: [images[0]],
      nonPreferredImageIds: images.slice(2, 3),
      statedProfile: {
        preference: { Color: "warm oranges", "Art Styles": "loose watercolour" },
        nonPreference: { Saturation: "neon" },
      },
      createdAt: set.createdAt,
    });
    expect(updated.updatedAt > set.updatedAt).toBe(true);
    // The most recently changed comes first.
    expect((await listOf()).map((entry) => entry.id)).toEqual([set.id, small.id]);

    const cleared = await setOf(await change(set.id, { statedProfile: null }));
    expect(cleared.statedProfile).toBeNull();

    expect((await remove(set.id)).status).toBe(204);
    expect((await read(set.id)).status).toBe(404);
    expect((await remove(set.id)).status).toBe(404);
  });

  it("is someone else's to read for admins only, and the owner's alone to change or delete", async () => {
    const set = await setOf(
      await create({ name: "Mine", preferredImageIds: [images[0]], nonPreferredImageIds: [images[1]] }),
    );
    expect((await read(set.id, other)).status).toBe(404);
    expect((await read(set.id, admin)).status).toBe(200);
    for (const caller of [other, admin]) {
      expect((await change(set.id, { name: "Theirs now" }, caller)).status).toBe(404);
      expect((await remove(set.id, caller)).status).toBe(404);
    }
    expect(await listOf(other)).toEqual([]);
    expect(await setOf(await read(set.id))).toEqual(set);
    expect((await read("not-a-uuid")).status).toBe(404);
  });

  it.each([
    [{ name: "" }, /^name: is required/],
    [{ name: "   " }, /^name: is required/],
    [{ name: "x".repeat(81) }, /^name: must be at most 80/],
    [{ name: "Set", preferredImageIds: ["nope"] }, /^preferredImageIds\.0: must be image ids/],
    [
      { name: "Set", preferredImageIds: Array.from({ length: 21 }, () => crypto.randomUUID()) },
      /^preferredImageIds: at most 20/,
    ],
    [{ name: "Set", statedProfile: { preference: { Colour: "red" } } }, /^statedProfile\.preference/],
  ])("refuses %o with 400", async (body, message) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(message);
  });

  it("refuses the same image twice in a column, or on both sides, with 400", async () => {
    const twice = await create({ name: "Set", preferredImageIds: [images[0], images[0]] });
    expect(twice.status).toBe(400);
    expect(await errorOf(twice)).toBe("preferredImageIds: lists the same image twice");
    const both = await create({ name: "Set", preferredImageIds: [images[0]], nonPreferredImageIds: [images[0]] });
    expect(both.status).toBe(400);
    expect(await errorOf(both)).toMatch(/both preferred and non-preferred/);

    // A change is checked against the column it leaves as it is.
    const set = await setOf(
      await create({ name: "Set", preferredImageIds: [images[0]], nonPreferredImageIds: [images[1]] }),
    );
    const moved = await change(set.id, { nonPreferredImageIds: [images[0]] });
    expect(moved.status).toBe(400);
    expect(await errorOf(moved)).toMatch(/both preferred and non-preferred/);
    expect((await change(set.id, { preferredImageIds: [images[1]], nonPreferredImageIds: [images[0]] })).status).toBe(
      200,
    );
    expect((await change(set.id, {})).status).toBe(400);
  });

  it("takes only the caller's own images (404 naming the others)", async () => {
    const unknown = crypto.randomUUID();
    const response = await create({
      name: "Set",
      preferredImageIds: [images[0], othersImage],
      nonPreferredImageIds: [unknown],
    });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toBe(`These images are not in your library: ${othersImage}, ${unknown}.`);
    const set = await setOf(await create({ name: "Mine only", nonPreferredImageIds: [images[3]] }));
    expect((await change(set.id, { preferredImageIds: [othersImage] })).status).toBe(404);
    expect((await setOf(await read(set.id))).preferredImageIds).toEqual([]);
  });

  it("refuses a set with no image on either side, when made or by a change", async () => {
    const empty = await create({ name: "Nothing yet" });
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toMatch(/A reference set needs at least one liked or disliked image\./);
    const set = await setOf(await create({ name: "Soon emptied", preferredImageIds: [images[0]] }));
    const emptied = await change(set.id, { preferredImageIds: [] });
    expect(emptied.status).toBe(400);
    expect(await errorOf(emptied)).toBe("A reference set needs at least one liked or disliked image.");
    expect((await setOf(await read(set.id))).preferredImageIds).toEqual([images[0]]);
  });

  it("keeps names unique per person: a repeat is a 409 that names it, for a new set or a rename; other people may use it", async () => {
    const first = await setOf(await create({ name: "Favourites", preferredImageIds: [images[0]] }));
    const again = await create({ name: " Favourites ", preferredImageIds: [images[1]] });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toBe(
      'You already have a reference set named "Favourites". Choose another name, or update that set.',
    );
    const second = await setOf(await create({ name: "Second", preferredImageIds: [images[1]] }));
    const renamed = await change(second.id, { name: "Favourites" });
    expect(renamed.status).toBe(409);
    expect((await setOf(await read(second.id))).name).toBe("Second");
    // Renaming a set to its own name changes nothing and is fine.
    expect((await change(first.id, { name: "Favourites" })).status).toBe(200);
    expect((await create({ name: "Favourites", preferredImageIds: [othersImage] }, other)).status).toBe(201);
  });
});

describe("assessments linked to a reference set and to the run they repeat", () => {
  const start = async (body: Record<string, unknown>, as = owner) =>
    callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: as.sessionToken,
      body: {
        preferredImageIds: images.slice(0, 2),
        nonPreferredImageIds: images.slice(2, 4),
        candidateImageIds: images.slice(4, 6),
        mode: "fast",
        ...body,
      },
    });
  const run = async (body: Record<string, unknown>) => {
    const response = await start(body);
    expect(response.status).toBe(200);
    const events = await readSseEvents(response);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    return events[0]!.data.assessmentId as string;
  };
  const stored = async (id: string) =>
    (
      (await (
        await callRoute(await routes.assessment(), "GET", `/api/assessments/${id}`, {
          sessionToken: owner.sessionToken,
          params: { id },
        })
      ).json()) as { assessment: Record<string, unknown> }
    ).assessment;

  it("stores the reference set and the swapped original, and shows them", async () => {
    const set = await setOf(
      await create({
        name: "Run set",
        preferredImageIds: images.slice(0, 2),
        nonPreferredImageIds: images.slice(2, 4),
      }),
    );
    const original = await run({ referenceSetId: set.id });
    expect(await stored(original)).toMatchObject({ referenceSetId: set.id, swapOfId: null, judgment: null });
    const swapped = await run({ referenceSetId: set.id, swapOf: original, candidateImageIds: [images[5], images[4]] });
    expect(await stored(swapped)).toMatchObject({
      referenceSetId: set.id,
      swapOfId: original,
      candidateImageIds: [images[5], images[4]],
    });

    // Deleting the set keeps the assessments, without the link.
    expect((await remove(set.id)).status).toBe(204);
    expect((await stored(original)).referenceSetId).toBeNull();
    expect((await stored(swapped)).swapOfId).toBe(original);
  });

  it("refuses someone else's reference set or assessment (404), and a repeat that does not swap (400), before any stream", async () => {
    const theirs = await setOf(await create({ name: "Theirs", preferredImageIds: [othersImage] }, other));
    const foreignSet = await start({ referenceSetId: theirs.id });
    expect(foreignSet.status).toBe(404);
    expect(await errorOf(foreignSet)).toBe("No such reference set.");
    expect((await start({ referenceSetId: crypto.randomUUID() })).status).toBe(404);
    expect((await start({ referenceSetId: "nope" })).status).toBe(400);

    const theirImages = await upload(other, [40, 41, 42, 43, 44, 45]);
    const response = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: other.sessionToken,
      body: {
        preferredImageIds: theirImages.slice(0, 2),
        nonPreferredImageIds: theirImages.slice(2, 4),
        candidateImageIds: theirImages.slice(4, 6),
        mode: "fast",
      },
    });
    const theirRun = (await readSseEvents(response))[0]!.data.assessmentId as string;
    const foreignRun = await start({ swapOf: theirRun });
    expect(foreignRun.status).toBe(404);
    expect(await errorOf(foreignRun)).toMatch(/No such assessment/);
    expect((await start({ swapOf: crypto.randomUUID() })).status).toBe(404);

    const original = await run({});
    const notSwapped = await start({ swapOf: original });
    expect(notSwapped.status).toBe(400);
    expect(await errorOf(notSwapped)).toMatch(/^swapOf:/);
  });
});
