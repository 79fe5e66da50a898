import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { seedAssessment } from "@/test/seed-assessments";
import { openTestDatabase } from "@/test/test-databases";

/** PUT /api/assessments/:id/judgment: a person's verdict, safe to retry, on both database kinds. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-judgments-"));
const routes = {
  judgment: () => import("@/app/api/assessments/[id]/judgment/route"),
  one: () => import("@/app/api/assessments/[id]/route"),
};

type JudgmentJson = {
  assessmentId: string;
  choice: string;
  disagreements: string[];
  agreesWithModel: boolean | null;
  createdAt: string;
  updatedAt: string;
};

let keyCounter = 0;
const newKey = () => `key-${Date.now()}-${keyCounter++}`;

setEnvironmentForSuite({ DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(["embedded", "postgres"] as const)("judgments on the %s database", (kind) => {
  let database: Database;
  let owner: TestPerson;
  let other: TestPerson;
  let admin: TestPerson;

  const judge = async (id: string, body: unknown, options: { key?: string | null; as?: TestPerson } = {}) =>
    callRoute(await routes.judgment(), "PUT", `/api/assessments/${id}/judgment`, {
      sessionToken: (options.as ?? owner).sessionToken,
      params: { id },
      body,
      headers: options.key === null ? {} : { "idempotency-key": options.key ?? newKey() },
    });
  const rows = (assessmentId: string) => database.prisma.judgment.count({ where: { assessmentId } });
  const judgmentOf = async (response: Response) => ((await response.json()) as { judgment: JudgmentJson }).judgment;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    admin = await signUpPerson(`admin-${kind}@example.com`, { roles: ["admin"] });
    owner = await signUpPerson(`owner-${kind}@example.com`);
    other = await signUpPerson(`other-${kind}@example.com`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("writes the first judgment (201), and answers a retry with the stored one, writing nothing (200)", async () => {
    const id = await seedAssessment(database, owner.id, { answer: "Image A" });
    const key = newKey();
    const first = await judge(id, { choice: "A", disagreements: ["Color", "Detail"] }, { key });
    expect(first.status).toBe(201);
    const written = await judgmentOf(first);
    expect(written).toMatchObject({
      assessmentId: id,
      choice: "A",
      disagreements: ["Color", "Detail"],
      agreesWithModel: true,
    });

    const retry = await judge(id, { choice: "B" }, { key });
    expect(retry.status).toBe(200);
    expect(await judgmentOf(retry)).toEqual(written);
    expect(await rows(id)).toBe(1);
  });

  it("gives one row when the same request arrives several times at once", async () => {
    const id = await seedAssessment(database, owner.id);
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 6 }, () => judge(id, { choice: "B" }, { key })));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const bodies = await Promise.all(responses.map(judgmentOf));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(await rows(id)).toBe(1);
  });

  it("gives one row when different decisions arrive at once: one creates it, the others replace it", async () => {
    const id = await seedAssessment(database, owner.id);
    const responses = await Promise.all(["A", "B", "tie", "A"].map((choice) => judge(id, { choice })));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 201]);
    expect(await rows(id)).toBe(1);
  });

  it("replaces the choice under a new key (200), and a late retry of the old key undoes nothing", async () => {
    const id = await seedAssessment(database, owner.id, { answer: "Image B" });
    const firstKey = newKey();
    const first = await judgmentOf(await judge(id, { choice: "A", disagreements: ["Saturation"] }, { key: firstKey }));
    expect(first.agreesWithModel).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const changed = await judge(id, { choice: "B" });
    expect(changed.status).toBe(200);
    const second = await judgmentOf(changed);
    expect(second).toMatchObject({ choice: "B", disagreements: [], agreesWithModel: true, createdAt: first.createdAt });
    expect(second.updatedAt > first.updatedAt).toBe(true);

    const late = await judge(id, { choice: "A", disagreements: ["Saturation"] }, { key: firstKey });
    expect(late.status).toBe(200);
    expect(await judgmentOf(late)).toEqual(second);
    expect(await rows(id)).toBe(1);
  });

  it("says whether the person agrees with the model: null for a tie or a run without an answer", async () => {
    const answeredA = await seedAssessment(database, owner.id, { answer: "Image A" });
    const unanswered = await seedAssessment(database, owner.id, { answer: null });
    const garbled = await seedAssessment(database, owner.id, { answer: "A, I think" });
    expect((await judgmentOf(await judge(answeredA, { choice: "tie" }))).agreesWithModel).toBeNull();
    expect((await judgmentOf(await judge(unanswered, { choice: "A" }))).agreesWithModel).toBeNull();
    expect((await judgmentOf(await judge(garbled, { choice: "A" }))).agreesWithModel).toBeNull();

    const fast = await seedAssessment(database, owner.id, { mode: "fast", answer: "Image B" });
    expect((await judgmentOf(await judge(fast, { choice: "B" }))).agreesWithModel).toBe(true);
  });

  it("shows the judgment in the stored assessment, with the assessment's links", async () => {
    const id = await seedAssessment(database, owner.id, { answer: "Image A" });
    const before = await callRoute(await routes.one(), "GET", `/api/assessments/${id}`, {
      sessionToken: owner.sessionToken,
      params: { id },
    });
    expect((await before.json()).assessment).toMatchObject({ judgment: null, referenceSetId: null, swapOfId: null });
    await judge(id, { choice: "B", disagreements: ["Art Styles"] });
    const after = await callRoute(await routes.one(), "GET", `/api/assessments/${id}`, {
      sessionToken: owner.sessionToken,
      params: { id },
    });
    expect((await after.json()).assessment.judgment).toMatchObject({
      assessmentId: id,
      choice: "B",
      disagreements: ["Art Styles"],
      agreesWithModel: false,
    });
  });

  it("lets only the owner judge: anyone else, admins included, finds no such assessment", async () => {
    const id = await seedAssessment(database, owner.id);
    for (const caller of [other, admin]) {
      const response = await judge(id, { choice: "A" }, { as: caller });
      expect(response.status).toBe(404);
    }
    expect((await judge("not-a-uuid", { choice: "A" })).status).toBe(404);
    expect((await judge(crypto.randomUUID(), { choice: "A" })).status).toBe(404);
    expect(await rows(id)).toBe(0);
  });

  it("waits for the run to finish (409) and refuses single-candidate runs (400)", async () => {
    const queued = await seedAssessment(database, owner.id, { status: "queued" });
    const running = await judge(queued, { choice: "A" });
    expect(running.status).toBe(409);
    expect((await running.json()).error.message).toBe("Judge it once it has finished.");
    const failed = await seedAssessment(database, owner.id, { status: "failed" });
    expect((await judge(failed, { choice: "A" })).status).toBe(409);

    const single = await seedAssessment(database, owner.id, { mode: "single" });
    const refused = await judge(single, { choice: "A" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/single-candidate/);
    expect(await rows(queued)).toBe(0);
  });

  it.each([
    [{ key: null }, { choice: "A" }, /Idempotency-Key: is required/],
    [{ key: "short" }, { choice: "A" }, /Idempotency-Key: must be 8-128/],
    [{ key: "has spaces in it" }, { choice: "A" }, /Idempotency-Key/],
    [{ key: "x".repeat(129) }, { choice: "A" }, /Idempotency-Key/],
    [{}, { choice: "C" }, /^choice:/],
    [{}, {}, /^choice:/],
    [{}, { choice: "A", disagreements: ["Colour"] }, /^disagreements\.0:/],
    [{}, { choice: "A", disagreements: ["Color", "Color"] }, /disagreements: lists an attribute twice/],
  ])("refuses a bad request %o %o with 400", async (options, body, message) => {
    const id = await seedAssessment(database, owner.id);
    const response = await judge(id, body, options);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
    expect(await rows(id)).toBe(0);
  });

  it("refuses a key already spent on another assessment (422)", async () => {
    const first = await seedAssessment(database, owner.id);
    const second = await seedAssessment(database, owner.id);
    const key = newKey();
    expect((await judge(first, { choice: "A" }, { key })).status).toBe(201);
    const reused = await judge(second, { choice: "A" }, { key });
    expect(reused.status).toBe(422);
    expect(await rows(second)).toBe(0);
    // Keys are per person: someone else may use the same one.
    const theirs = await seedAssessment(database, other.id);
    expect((await judge(theirs, { choice: "A" }, { key, as: other })).status).toBe(201);
  });
});
