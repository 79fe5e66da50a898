import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("a sign-in's next= target", () => {
  it.each([
    "/",
    "/assess",
    "/assess?assessment=5#judgment",
    "/benchmarks/results?run=1&q=%2F%2Fx",
    ["/history", "/ignored"],
  ])("keeps our own path %j", (next) => {
    expect(safeNextPath(next)).toBe(Array.isArray(next) ? next[0] : next);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n//evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "/%5Cevil.example/../..//x",
    "/a/..//evil.example",
    " /assess",
    "",
    undefined,
  ])("sends %j home", (next) => {
    const target = safeNextPath(next);
    expect(target).toMatch(/^\/(?![/\\])/);
    expect(new URL(target, "http://studio.test").origin).toBe("http://studio.test");
    expect(target).toBe("/");
  });
});
