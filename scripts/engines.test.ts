import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

/**
 * `npm ci` warns (EBADENGINE) about every installed package whose `engines.node`
 * the running Node.js does not satisfy. The README and package.json name the
 * oldest Node.js the project supports; every package in the lockfile must accept it.
 */
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { engines?: Record<string, string> | string[] }>;
};
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const oldestNode = semver.minVersion(manifest.engines.node)!.version;

describe("supported Node.js", () => {
  it("is the version the README names", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain(`Node.js ${oldestNode.replace(/\.0$/, "")} or newer`);
  });

  it("is accepted by every installed package", () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== "")
      .map(([path, entry]) => ({ path, node: !Array.isArray(entry.engines) ? entry.engines?.node : undefined }))
      .filter(({ node }) => node !== undefined && !semver.satisfies(oldestNode, node, { includePrerelease: true }));
    expect(refusing).toEqual([]);
  });
});
