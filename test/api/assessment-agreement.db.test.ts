import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessmentPageSchema } from "@/lib/assessments/assessment-contract";
import { failInterruptedAssessments, markAssessmentRunning } from "@/lib/db/assessments";
import type { Database } from "@/lib/db/open-database";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { type SeedOptions, seedAssessment } from "@/test/seed-assessments";
import { openTestDatabase } from "@/test/test-databases";

/** GET /api/assessments with filters, and GET /api/assessments/agreement, over judged assessments, on both database kinds. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-agreement-"));
const routes = {
  list: () => import("@/app/api/assessments/route"),
  agreement: () => import("@/app/api/assessments/agreement/route"),
  judgment: () => import("@/app/api/assessments/[id]/judgment/route"),
};

type Row = { id: string; judgment: { choice: string; agreesWithModel: boolean | null } | null };

// A Wednesday, the Sunday night ending that week, and the next Monday just after midnight (UTC).
const wednesday = new Date("2026-11-04T12:00:00Z");
const sundayNight = new Date("2026-11-08T23:30:00Z");
const nextMonday = new Date("2026-11-09T00:30:00Z");

setEnvironmentForSuite({ DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(["embedded", "postgres"] as const)("filters and agreement on the %s database", (kind) => {
  let database: Database;
  let owner: TestPerson;
  let other: TestPerson;
  let keys = 0;
  const ids: Record<string, string> = {};

  const seed = async (name: string, options: SeedOptions, choice?: "A" | "B" | "tie", person = owner) => {
    const id = await seedAssessment(database, person.id, options);
    ids[name] = id;
    if (choice) {
      const response = await callRoute(await routes.judgment(), "PUT", `/api/assessments/${id}/judgment`, {
        sessionToken: person.sessionToken,
        params: { id },
        body: { choice },
        headers: { "idempotency-key": `seed-key-${keys++}` },
      });
      expect(response.status).toBe(201);
    }
  };
  const list = async (query: string, person = owner) => {
    const response = await callRoute(await routes.list(), "GET", `/api/assessments${query}`, {
      sessionToken: person.sessionToken,
    });
    return {
      status: response.status,
      body: (await response.json()) as { assessments: Row[]; error?: { message: string } },
    };
  };
  const namesOf = (rows: Row[]) => rows.map((row) => Object.keys(ids).find((name) => ids[name] === row.id));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    owner = await signUpPerson(`owner-${kind}@example.com`);
    other = await signUpPerson(`other-${kind}@example.com`);
    await seed("agreeA", { answer: "Image A", createdAt: wednesday }, "A");
    await seed("disagreeA", { answer: "Image A", createdAt: sundayNight }, "B");
    await seed("agreeB", { answer: "Image B", createdAt: nextMonday }, "B");
    await seed("tie", { answer: "Image B", createdAt: nextMonday }, "tie");
    await seed("noAnswer", { answer: null, createdAt: nextMonday, issueCodes: ["missing-answer"] }, "A");
    await seed("unjudgedWithIssue", { answer: "Image A", createdAt: nextMonday, issueCodes: ["tie"] });
    await seed(
      "baselineFast",
      {
        mode: "fast",
        answer: "Image A",
        model: "baseline-image-statistics",
        provider: "baseline",
        createdAt: nextMonday,
      },
      "B",
    );
    await seed("baselineSingle", {
      mode: "single",
      answer: null,
      model: "baseline-image-statistics",
      provider: "baseline",
      createdAt: nextMonday,
    });
    await seed("onlyTies", { answer: "Image A", model: "qwen-vl", createdAt: nextMonday }, "tie");
    await seed("othersAgree", { answer: "Image A", createdAt: nextMonday }, "A", other);
  });
  afterAll(async () => {
    await database.close();
  });

  it("counts, per model and UTC week, the judgments it can compare and those that chose the model's answer", async () => {
    const response = await callRoute(await routes.agreement(), "GET", "/api/assessments/agreement", {
      sessionToken: owner.sessionToken,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      models: [
        {
          model: "baseline-image-statistics",
          provider: "baseline",
          judged: 1,
          agreed: 0,
          rate: 0,
          weeks: [{ week: "2026-11-09", judged: 1, agreed: 0 }],
        },
        {
          model: "preferthinker-7b",
          provider: "openai-compatible",
          judged: 3,
          agreed: 2,
          rate: 2 / 3,
          weeks: [
            { week: "2026-11-02", judged: 2, agreed: 1 },
            { week: "2026-11-09", judged: 1, agreed: 1 },
          ],
        },
      ],
    });
  });

  it("counts only the caller's own judgments", async () => {
    const response = await callRoute(await routes.agreement(), "GET", "/api/assessments/agreement", {
      sessionToken: other.sessionToken,
    });
    expect(await response.json()).toEqual({
      models: [
        {
          model: "preferthinker-7b",
          provider: "openai-compatible",
          judged: 1,
          agreed: 1,
          rate: 1,
          weeks: [{ week: "2026-11-09", judged: 1, agreed: 1 }],
        },
      ],
    });
  });

  it.each([
    [
      "",
      [
        "agreeB",
        "tie",
        "noAnswer",
        "unjudgedWithIssue",
        "baselineFast",
        "baselineSingle",
        "onlyTies",
        "disagreeA",
        "agreeA",
      ],
    ],
    ["?agreement=agree", ["agreeB", "agreeA"]],
    ["?agreement=disagree", ["baselineFast", "disagreeA"]],
    ["?agreement=unjudged", ["unjudgedWithIssue", "baselineSingle"]],
    ["?mode=fast", ["baselineFast"]],
    ["?mode=single", ["baselineSingle"]],
    ["?model=baseline-image-statistics", ["baselineFast", "baselineSingle"]],
    ["?model=preferthinker", []],
    ["?issues=with", ["noAnswer", "unjudgedWithIssue"]],
    ["?issues=without&model=preferthinker-7b&mode=reasoning", ["agreeB", "tie", "disagreeA", "agreeA"]],
    ["?model=preferthinker-7b&agreement=agree", ["agreeB", "agreeA"]],
  ])("lists %s newest first", async (query, expected) => {
    const { status, body } = await list(query);
    expect(status).toBe(200);
    // Rows made in the same instant keep a stable (id) order; compare those as a set.
    const names = namesOf(body.assessments);
    expect(names.length).toBe(expected.length);
    expect(new Set(names)).toEqual(new Set(expected));
    const times = body.assessments.map((row) => (row as unknown as { createdAt: string }).createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("pages through a filtered list, each row with its judgment", async () => {
    const first = await list("?agreement=agree&limit=1");
    expect(namesOf(first.body.assessments)).toEqual(["agreeB"]);
    expect(first.body.assessments[0]!.judgment).toMatchObject({ choice: "B", agreesWithModel: true });
    const second = await list(`?agreement=agree&limit=1&before=${ids.agreeB}`);
    expect(namesOf(second.body.assessments)).toEqual(["agreeA"]);
    const third = await list(`?agreement=agree&limit=1&before=${ids.agreeA}`);
    expect(third.body.assessments).toEqual([]);
    const unjudged = await list("?agreement=unjudged");
    expect(unjudged.body.assessments.every((row) => row.judgment === null)).toBe(true);
  });

  it.each([
    ["?mode=slow", /^mode: must be reasoning, fast or single/],
    ["?agreement=maybe", /^agreement: must be agree, disagree or unjudged/],
    ["?issues=some", /^issues: must be with or without/],
    ["?model=", /^model:/],
    ["?limit=0", /^limit:/],
    ["?limit=many", /^limit:/],
    ["?before=nope", /^before: must be an assessment id/],
  ])("refuses %s with 400 naming the parameter", async (query, message) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error!.message).toMatch(message);
  });
});

describe.each(["embedded", "postgres"] as const)("runs that never finished, on the %s database", (kind) => {
  let database: Database;
  let person: TestPerson;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    person = await signUpPerson(`unfinished-${kind}@example.com`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("are listed in the shape the history page reads, and count as having no issues", async () => {
    // Still waiting for its turn, and one a restart cut off: neither ever stored a reading or issue codes.
    const queued = await seedAssessment(database, person.id, { status: "queued" });
    const interrupted = await seedAssessment(database, person.id, { status: "queued" });
    await markAssessmentRunning(database, interrupted, 5);
    expect(await failInterruptedAssessments(database)).toBe(2);
    const listed = async (query: string) => {
      const response = await callRoute(await routes.list(), "GET", `/api/assessments${query}`, {
        sessionToken: person.sessionToken,
      });
      expect(response.status).toBe(200);
      return assessmentPageSchema.parse(await response.json()).assessments;
    };
    const all = await listed("");
    expect(new Set(all.map((row) => row.id))).toEqual(new Set([queued, interrupted]));
    expect(all.every((row) => row.status === "failed" && row.answer === null && row.issueCodes.length === 0)).toBe(
      true,
    );
    expect((await listed("?issues=without")).map((row) => row.id).sort()).toEqual([queued, interrupted].sort());
    expect(await listed("?issues=with")).toEqual([]);
  });
});
