import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { startFakeModelServer, type FakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

let database: Database;
let server: FakeModelServer;

beforeAll(async () => {
  server = await startFakeModelServer({ model: "preferthinker-7b" });
});
setEnvironmentForSuite(() => ({
  MODEL_API_URL: server.url,
  MODEL_NAME: "preferthinker-7b",
  MODEL_ENDPOINTS: JSON.stringify([
    { name: "wrong-model", url: server.url, model: "llava" },
    { name: "nowhere", url: "http://127.0.0.1:9/v1" },
  ]),
}));
beforeAll(async () => {
  database = await openTestDatabase("embedded");
});
afterAll(async () => {
  await database.close();
  await server.close();
});

describe("GET /api/models", () => {
  it("lists every configured endpoint with whether it answers and what it serves", async () => {
    const modelsRoute = await import("@/app/api/models/route");
    const { sessionToken } = await signUpPerson("m@example.com");
    const response = await callRoute(modelsRoute, "GET", "/api/models", { sessionToken });
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
