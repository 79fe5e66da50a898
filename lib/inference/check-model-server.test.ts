import { describe, expect, it } from "vitest";
import { checkModelServer } from "./check-model-server";

describe("checkModelServer without MODEL_API_URL", () => {
  it("reports the built-in baseline as what runs assessments, and how to add a model server", async () => {
    const health = await checkModelServer(undefined);
    expect(health).toMatchObject({ configured: false });
    expect(health.message).toMatch(/^Assessments use the built-in baseline assessor/);
    expect(health.message).toContain("set MODEL_API_URL to an OpenAI-compatible endpoint");
  });
});
