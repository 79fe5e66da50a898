import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readBenchmarkSamples } from "@/lib/preferthinker/benchmark-format";
import { simulateDemoSamples } from "./simulate-users";
import { writeDemoBenchmark } from "./write-demo-benchmark";

const root = mkdtempSync(join(tmpdir(), "studio-demo-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sizes = { TEST_SP_ID: 3, TEST_SP_OD: 2, TEST_MP_ID: 2, TEST_MP_OD: 2 };

function fingerprint(folder: string): Record<string, string> {
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    files.map((entry) => [
      relative(folder, join(entry.parentPath, entry.name)),
      createHash("sha256")
        .update(readFileSync(join(entry.parentPath, entry.name)))
        .digest("hex"),
    ]),
  );
}

describe("the demo benchmark generator", () => {
  it("writes the same files, byte for byte, for the same seed, and others for another seed", async () => {
    const [first, second, other] = [join(root, "a"), join(root, "b"), join(root, "c")];
    await writeDemoBenchmark(first, { sizes });
    await writeDemoBenchmark(second, { sizes });
    await writeDemoBenchmark(other, { sizes, seed: 7 });
    expect(fingerprint(first)).toEqual(fingerprint(second));
    expect(Object.keys(fingerprint(first))).toHaveLength(9 * 12 + 4 + 1);
    expect(fingerprint(other)["images/TEST_SP_ID/000_liked_1.jpg"]).not.toBe(
      fingerprint(first)["images/TEST_SP_ID/000_liked_1.jpg"],
    );
  }, 60_000);

  it("writes PreferImg-Bench samples our importer reads, with labels and ground-truth profiles", () => {
    const data = JSON.parse(readFileSync(join(root, "a", "data", "TEST_MP_ID", "TEST_MP_ID.json"), "utf8")) as unknown;
    const { samples, rejected } = readBenchmarkSamples(data);
    expect(rejected).toEqual([]);
    expect(samples).toHaveLength(2);
    for (const sample of samples) {
      expect(sample.prefered_images).toHaveLength(5);
      expect(sample.non_prefered_images).toHaveLength(5);
      expect(Object.keys(sample.prefer_attributes!)).toEqual([
        "Art Styles",
        "Color",
        "Artistic Medium",
        "Saturation",
        "Detail",
      ]);
      expect((sample as unknown as { prefer_profiles: unknown[] }).prefer_profiles).toHaveLength(2);
    }
  });

  it("leaves a complete benchmark of the same seed alone", async () => {
    const again = await writeDemoBenchmark(join(root, "a"), { sizes });
    expect(again.isNew).toBe(false);
  });

  it("keeps the unseen values out of the seen subsets, and gives every unseen user one", () => {
    const samples = simulateDemoSamples(11, { TEST_SP_ID: 40, TEST_SP_OD: 40 });
    const unseenIn = (sample: (typeof samples)[number]) =>
      [...sample.preferenceProfiles, sample.nonPreferenceProfile].some(
        (profile) => ["teal", "purple", "pink"].includes(profile.hue) || profile.medium === "hatching",
      );
    expect(samples.filter((sample) => sample.subset === "TEST_SP_ID").some(unseenIn)).toBe(false);
    expect(samples.filter((sample) => sample.subset === "TEST_SP_OD").every(unseenIn)).toBe(true);
    // Liked and disliked profiles differ in every attribute.
    for (const sample of samples) {
      for (const key of ["style", "hue", "medium", "saturation", "detail"] as const)
        expect(sample.preferenceProfiles[0]![key]).not.toBe(sample.nonPreferenceProfile[key]);
    }
  });
});

describe("two processes writing the demo benchmark at once", () => {
  it("end with one whole benchmark, written by one of them, and no staging folders left", async () => {
    const folder = join(root, "shared");
    const results = await Promise.all([writeDemoBenchmark(folder, { sizes }), writeDemoBenchmark(folder, { sizes })]);
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
    expect(fingerprint(folder)).toEqual(fingerprint(join(root, "a")));
    expect(readdirSync(root).filter((name) => name.startsWith("shared."))).toEqual([]);
  }, 60_000);

  it("replace an outdated benchmark whole", async () => {
    const folder = join(root, "outdated");
    await writeDemoBenchmark(folder, { sizes, seed: 7 });
    const replaced = await writeDemoBenchmark(folder, { sizes });
    expect(replaced.isNew).toBe(true);
    expect(fingerprint(folder)).toEqual(fingerprint(join(root, "a")));
    expect(readdirSync(root).filter((name) => name.startsWith("outdated."))).toEqual([]);
  }, 60_000);
});
