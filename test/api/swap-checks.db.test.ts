import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SwappedRepeatJson } from "@/lib/assessments/assessment-contract";
import { judgeSwap } from "@/lib/assessments/swap-verdict";
import type { Database } from "@/lib/db/open-database";
import { coldProfile, demoPicturePng, warmProfile } from "@/test/fixtures/demo-pictures";
import { readSseEvents } from "@/test/read-sse-events";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** The swap check after a reload: GET /api/assessments/:id carries the stored swapped repeats, and the list labels swap runs. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-swap-checks-"));
const routes = {
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
  assessment: () => import("@/app/api/assessments/[id]/route"),
};

type StoredJson = {
  id: string;
  answer?: string;
  parsed: { answer?: string | null } | null;
  candidateImageIds: string[];
  createdAt: string;
  swapOfId: string | null;
  swappedRepeats: SwappedRepeatJson[];
};
type ListedJson = { id: string; swapOf: { id: string; createdAt: string } | null };

let database: Database;
let owner: TestPerson;
let other: TestPerson;
let admin: TestPerson;
/** Liked 0-1 and candidate 5 are warm, disliked 2-3 and candidate 4 cold: a clear case, which the baseline judges by picture. */
let images: string[] = [];

async function run(candidateImageIds: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const response = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
    sessionToken: owner.sessionToken,
    body: {
      preferredImageIds: images.slice(0, 2),
      nonPreferredImageIds: images.slice(2, 4),
      candidateImageIds,
      mode: "fast",
      ...extra,
    },
  });
  expect(response.status).toBe(200);
  const events = await readSseEvents(response);
  expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
  return events[0]!.data.assessmentId as string;
}

const read = async (id: string, as: TestPerson = owner) =>
  callRoute(await routes.assessment(), "GET", `/api/assessments/${id}`, {
    sessionToken: as.sessionToken,
    params: { id },
  });
const stored = async (id: string, as: TestPerson = owner) =>
  ((await (await read(id, as)).json()) as { assessment: StoredJson }).assessment;

// No model server: the built-in baseline runs, and it judges the pictures, not their places.
setEnvironmentForSuite({ DATA_DIR: dataDir, MODEL_API_URL: undefined });
beforeAll(async () => {
  database = await openTestDatabase("embedded");
  admin = await signUpPerson("admin@example.com", { roles: ["admin"] });
  owner = await signUpPerson("owner@example.com");
  other = await signUpPerson("other@example.com");
  const form = new FormData();
  const profiles = [warmProfile, warmProfile, coldProfile, coldProfile, coldProfile, warmProfile];
  for (const [index, profile] of profiles.entries())
    form.append("files", new Blob([new Uint8Array(await demoPicturePng(profile, index + 1))]), `image-${index}.png`);
  const uploaded = await callRoute(await routes.images(), "POST", "/api/images", {
    sessionToken: owner.sessionToken,
    body: form,
  });
  images = ((await uploaded.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the swap check, stored", () => {
  it("brings back the swapped repeat with an assessment, so its verdict shows again after a reload", async () => {
    const candidates = images.slice(4, 6);
    const originalId = await run(candidates);
    expect((await stored(originalId)).swappedRepeats).toEqual([]);

    const swappedId = await run([...candidates].reverse(), { swapOf: originalId });
    const original = await stored(originalId);
    expect(original.swappedRepeats).toHaveLength(1);
    const [repeat] = original.swappedRepeats;
    expect(repeat).toMatchObject({ id: swappedId, status: "completed", candidateImageIds: [...candidates].reverse() });
    // The warm candidate is B first, then A once swapped.
    expect(original.parsed?.answer).toBe("Image B");
    expect(repeat!.answer).toBe("Image A");
    // What the page says after a reload: the baseline named the same picture in its new place.
    expect(
      judgeSwap({ answer: original.parsed?.answer ?? null, candidateImageIds: original.candidateImageIds }, repeat!),
    ).toBe("consistent");

    // The repeat knows what it repeats, and has no repeats of its own.
    expect(await stored(swappedId)).toMatchObject({ swapOfId: originalId, swappedRepeats: [] });

    // A second swap run comes first: the page shows the newest.
    const againId = await run([...candidates].reverse(), { swapOf: originalId });
    expect((await stored(originalId)).swappedRepeats.map((entry) => entry.id)).toEqual([againId, swappedId]);
  });

  it("labels swap runs in the list with the run they repeated", async () => {
    const originalId = await run(images.slice(4, 6));
    const swappedId = await run(images.slice(4, 6).reverse(), { swapOf: originalId });
    const response = await callRoute(await routes.assessments(), "GET", "/api/assessments?limit=100", {
      sessionToken: owner.sessionToken,
    });
    const listed = ((await response.json()) as { assessments: ListedJson[] }).assessments;
    const original = await stored(originalId);
    expect(listed.find((entry) => entry.id === swappedId)!.swapOf).toEqual({
      id: originalId,
      createdAt: original.createdAt,
    });
    expect(listed.find((entry) => entry.id === originalId)!.swapOf).toBeNull();
  });

  it("shows the repeats to whoever may see the assessment, and the assessment to no one else", async () => {
    const originalId = await run(images.slice(4, 6));
    const swappedId = await run(images.slice(4, 6).reverse(), { swapOf: originalId });
    expect((await read(originalId, other)).status).toBe(404);
    expect((await stored(originalId, admin)).swappedRepeats.map((entry) => entry.id)).toEqual([swappedId]);
  });
});
