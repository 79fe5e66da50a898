import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoProfile } from "@/lib/demo/demo-attributes";
import { coldProfile, demoPicturePng, warmProfile } from "@/test/fixtures/demo-pictures";
import type { Database } from "@/lib/db/open-database";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { readSseEvents } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** With no model server configured, assessments run on the built-in baseline, through the same API and events. */

let database: Database;
let session: string;
const ids: Record<"liked" | "disliked" | "likedCandidate" | "otherCandidate", string[]> = {
  liked: [],
  disliked: [],
  likedCandidate: [],
  otherCandidate: [],
};
const dataDir = mkdtempSync(join(tmpdir(), "studio-baseline-"));

const liked = warmProfile;
const disliked = coldProfile;

const routes = {
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
  one: () => import("@/app/api/assessments/[id]/route"),
};

async function upload(profile: DemoProfile, seeds: number[]): Promise<string[]> {
  const form = new FormData();
  for (const seed of seeds) {
    const png = await demoPicturePng(profile, seed);
    form.append("files", new Blob([new Uint8Array(png)]), `picture-${seed}.png`);
  }
  const response = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: session, body: form });
  return ((await response.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
}

setEnvironmentForSuite({ DATA_DIR: dataDir });
beforeAll(async () => {
  database = await openTestDatabase("embedded");
  session = (await signUpPerson("baseline@example.com")).sessionToken;
  ids.liked = await upload(liked, [1, 2, 3, 4, 5]);
  ids.disliked = await upload(disliked, [6, 7, 8, 9, 10]);
  ids.likedCandidate = await upload(liked, [11]);
  ids.otherCandidate = await upload(disliked, [12]);
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const assess = async (body: Record<string, unknown>) =>
  readSseEvents(
    await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: session,
      body: { preferredImageIds: ids.liked, nonPreferredImageIds: ids.disliked, ...body },
    }),
  );

describe("assessments without a model server", () => {
  it("runs on the baseline: streamed events, a consistent result, stored under the baseline's name", async () => {
    const events = await assess({ candidateImageIds: [ids.otherCandidate[0], ids.likedCandidate[0]] });
    const kinds = events.map((event) => event.event);
    expect(kinds.filter((kind) => kind === "score")).toHaveLength(10);
    expect(kinds.filter((kind) => kind === "profile-attribute")).toHaveLength(10);
    expect(kinds).not.toContain("issue");
    expect(events.find((event) => event.event === "answer")!.data.text).toBe("Image B");
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });

    const id = events[0]!.data.assessmentId as string;
    const { assessment } = (await (
      await callRoute(await routes.one(), "GET", `/api/assessments/${id}`, { sessionToken: session, params: { id } })
    ).json()) as { assessment: Record<string, unknown> };
    expect(assessment).toMatchObject({
      status: "completed",
      provider: "baseline",
      endpoint: "baseline",
      model: "baseline-image-statistics",
      issueCodes: [],
    });
    const parsed = assessment.parsed as { profiles: { preference: Record<string, string>[] }; formatValid: boolean };
    expect(parsed.formatValid).toBe(true);
    expect(parsed.profiles.preference[0]!.Color).toMatch(/orange/);
    expect(parsed.profiles.preference[0]!.Saturation).toMatch(/vivid/);
  });

  it("answers in fast mode with the answer alone, and scores one candidate in single mode", async () => {
    const fast = await assess({ candidateImageIds: [ids.likedCandidate[0], ids.otherCandidate[0]], mode: "fast" });
    expect(
      fast
        .filter((event) => event.event === "delta")
        .map((event) => event.data.text)
        .join(""),
    ).toBe("<answer>Image A</answer>");
    const single = await assess({ candidateImageIds: [ids.otherCandidate[0]], mode: "single" });
    expect(single.filter((event) => event.event === "score")).toHaveLength(5);
    expect(single.map((event) => event.event)).not.toContain("issue");
    const total = single.find((event) => event.event === "total")!.data as { stated: number };
    expect(total.stated).toBeLessThanOrEqual(12);
  });
});
