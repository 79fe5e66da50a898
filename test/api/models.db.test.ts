import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { startFakeModelServer, type FakeModelServer } from "@/test/fake-model-server";
import { callRoute, sessionTokenOf, useTestDatabase } from "@/test/route-harness";
import { createTestDatabase } from "@/test/test-databases";

let database: Database;
let server: FakeModelServer;

beforeAll(async () => {
  server = await startFakeModelServer({ model: "preferthinker-7b" });
  // Read when the configuration is first parsed, which these imports do not do yet.
  process.env.MODEL_API_URL = server.url;
  process.env.MODEL_NAME = "preferthinker-7b";
  process.env.MODEL_ENDPOINTS = JSON.stringify([
    { name: "wrong-model", url: server.url, model: "llava" },
    { name: "nowhere", url: "http://127.0.0.1:9/v1" },
  ]);
  const target = await createTestDatabase("embedded");
  database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
  useTestDatabase(database);
});
afterAll(async () => {
  for (const variable of ["MODEL_API_URL", "MODEL_NAME", "MODEL_ENDPOINTS"]) delete process.env[variable];
  await database.close();
  await server.close();
});

describe("GET /api/models", () => {
  it("lists every configured endpoint with whether it answers and what it serves", async () => {
    const signUpRoute = await import("@/app/api/auth/sign-up/route");
    const modelsRoute = await import("@/app/api/models/route");
    const signUp = await callRoute(signUpRoute, "POST", "/api/auth/sign-up", {
      body: { email: "m@example.com", password: "a long and unusual passphrase" },
    });
    const response = await callRoute(modelsRoute, "GET", "/api/models", { sessionToken: sessionTokenOf(signUp) });
    expect(response.status).toBe(200);
    const { endpoints } = (await response.json()) as { endpoints: Record<string, unknown>[] };
    expect(endpoints.map((endpoint) => [endpoint.name, endpoint.provider, endpoint.ok])).toEqual([
      ["default", "openai-compatible", true],
      ["wrong-model", "openai-compatible", false],
      ["nowhere", "openai-compatible", false],
      ["baseline", "baseline", true],
    ]);
    expect(endpoints.map((endpoint) => endpoint.isDefault)).toEqual([true, false, false, false]);
    expect(endpoints[3]).toMatchObject({ model: "baseline-image-statistics", url: null });
    expect(endpoints[0]).toMatchObject({ model: "preferthinker-7b", servedModels: ["preferthinker-7b"] });
    expect(endpoints[1]!.message).toBe("The server does not serve llava; it serves: preferthinker-7b.");
    expect(endpoints[2]!.message).toMatch(/^The model server is unreachable/);
  });
});
