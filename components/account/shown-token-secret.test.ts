import { describe, expect, it } from "vitest";
import { shownTokenSecret } from "./shown-token-secret";

const created = { tokenId: "t1", secret: "pts_secret" };

describe("the new token's secret", () => {
  it("is shown once created, also before the list has reloaded", () => {
    expect(shownTokenSecret(created, undefined)).toBe("pts_secret");
    expect(shownTokenSecret(created, [{ id: "t0", revoked: true }])).toBe("pts_secret");
    expect(shownTokenSecret(created, [{ id: "t1", revoked: false }])).toBe("pts_secret");
  });

  it("disappears when that token is revoked", () => {
    expect(shownTokenSecret(created, [{ id: "t1", revoked: true }])).toBeNull();
  });

  it("is not there before any token is created", () => {
    expect(shownTokenSecret(null, [{ id: "t1", revoked: false }])).toBeNull();
  });
});
