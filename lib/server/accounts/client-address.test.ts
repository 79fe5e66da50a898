import { describe, expect, it } from "vitest";
import { getClientAddress } from "./client-address";

const request = (headers: Record<string, string>) => new Request("http://studio.test/", { headers });

describe("getClientAddress", () => {
  it("uses the socket's address and ignores a forged X-Forwarded-For", () => {
    expect(getClientAddress(request({ "x-studio-client-address": "192.0.2.7", "x-forwarded-for": "1.2.3.4" }), 0)).toBe(
      "192.0.2.7",
    );
  });

  it("behind trusted proxies, takes the entry the nearest one wrote", () => {
    const headers = { "x-studio-client-address": "10.0.0.2", "x-forwarded-for": "1.2.3.4, 198.51.100.9" };
    expect(getClientAddress(request(headers), 1)).toBe("198.51.100.9");
    expect(getClientAddress(request(headers), 2)).toBe("1.2.3.4");
    expect(getClientAddress(request({ "x-studio-client-address": "10.0.0.2" }), 1)).toBe("10.0.0.2");
  });
});
