import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { type FakeModelServer, startFakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** GET /api/health says little to strangers, and never makes the server probe the model server once per call. */

let database: Database;
let model: FakeModelServer;
let member: string;
let admin: string;
const healthRoute = () => import("@/app/api/health/route");
const health = async (sessionToken?: string) => {
  const response = await callRoute(await healthRoute(), "GET", "/api/health", { sessionToken });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  model = await startFakeModelServer({ model: "preferthinker-7b" });
});
setEnvironmentForSuite(() => ({ MODEL_API_URL: model.url, MODEL_NAME: "preferthinker-7b" }));
beforeAll(async () => {
  database = await openTestDatabase("postgres");
  member = (await createPersonWithRoles(database, "member@example.com", ["user"])).sessionToken;
  admin = (await createPersonWithRoles(database, "admin@example.com", ["user", "admin"])).sessionToken;
});
afterAll(async () => {
  await database.close();
  await model.close();
});

describe("the health report", () => {
  it("tells a stranger the status alone", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok" });
  });

  it("tells a signed-in person whether each part answers, but not where the model server is or what it serves", async () => {
    const { body } = await health(member);
    expect(body).toMatchObject({
      status: "ok",
      database: { kind: "postgres", ok: true },
      model: { configured: true, ok: true },
    });
    expect(JSON.stringify(body)).not.toContain(model.url.replace("/v1", ""));
    expect(body.model).not.toHaveProperty("servedModels");
    expect(body.model).not.toHaveProperty("url");
  });

  it("tells an admin everything needed to fix things", async () => {
    const { body } = await health(admin);
    expect(body).toMatchObject({
      model: {
        configured: true,
        ok: true,
        url: model.url,
        model: "preferthinker-7b",
        servedModels: ["preferthinker-7b"],
      },
    });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("asks the model server at most once per few seconds however many strangers call", async () => {
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const before = model.modelListRequests();
    await Promise.all(Array.from({ length: 50 }, () => health()));
    expect(model.modelListRequests() - before).toBe(1);
  });
});

describe("the readiness probe", () => {
  const ready = async () => {
    const response = await callRoute(await import("@/app/api/health/ready/route"), "GET", "/api/health/ready");
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it("answers 503 while starting, 200 once ready, and 503 again from the moment the instance drains", async () => {
    const lifecycle = await import("@/lib/server/drain");
    expect(await ready()).toEqual({
      status: 503,
      body: { error: { code: "unavailable", message: "This instance is still starting." } },
    });
    lifecycle.markReady();
    expect(await ready()).toEqual({ status: 200, body: { ready: true } });
    let letGo!: () => void;
    lifecycle.onDrain("a long task", () => new Promise<void>((resolve) => (letGo = resolve)));
    const draining = lifecycle.drain(60_000);
    expect(await ready()).toEqual({
      status: 503,
      body: { error: { code: "unavailable", message: "This instance is shutting down." } },
    });
    letGo();
    await expect(draining).resolves.toEqual({ unfinished: [] });
  });
});
