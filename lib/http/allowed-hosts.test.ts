import { describe, expect, it } from "vitest";
import { allowedHosts, isAllowedHost } from "./allowed-hosts";

describe("the hosts the app answers", () => {
  it("are the loopback names of the listening port, without PUBLIC_URL", () => {
    const allowed = allowedHosts({ publicUrl: undefined, host: "127.0.0.1", port: 3000 });
    for (const host of ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000", "[::1]:3000"])
      expect(isAllowedHost(host, allowed)).toBe(true);
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "127.0.0.1:3001",
      "localhost",
      "attacker.example.127.0.0.1.nip.io:3000",
      null,
    ])
      expect(isAllowedHost(host, allowed)).toBe(false);
  });

  it("add PUBLIC_URL's host, with its port only when it is not the scheme's default", () => {
    expect(
      isAllowedHost(
        "studio.example.org",
        allowedHosts({ publicUrl: "https://studio.example.org", host: "0.0.0.0", port: 3000 }),
      ),
    ).toBe(true);
    expect(
      isAllowedHost(
        "studio.example.org:8443",
        allowedHosts({ publicUrl: "https://studio.example.org:8443", host: "0.0.0.0", port: 3000 }),
      ),
    ).toBe(true);
    expect(
      isAllowedHost(
        "studio.example.org:8443",
        allowedHosts({ publicUrl: "https://studio.example.org", host: "0.0.0.0", port: 3000 }),
      ),
    ).toBe(false);
  });

  it("add the listening address itself when it is one address, not all of them", () => {
    expect(isAllowedHost("10.1.2.3:3000", allowedHosts({ publicUrl: undefined, host: "10.1.2.3", port: 3000 }))).toBe(
      true,
    );
    expect(isAllowedHost("0.0.0.0:3000", allowedHosts({ publicUrl: undefined, host: "0.0.0.0", port: 3000 }))).toBe(
      false,
    );
  });
});
