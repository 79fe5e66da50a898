import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { countLibraryImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { getUserByEmail } from "@/lib/db/users";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { openTestDatabase } from "@/test/test-databases";

/** A new installation's first account finds the demo benchmark imported; later accounts do not get it. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-demo-first-account-"));
let database: Database;

async function signUpAs(email: string) {
  await signUpPerson(email);
  return (await getUserByEmail(database, email))!;
}

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: join(dataDir, "demo"), DEMO_IMPORT: "on" });
beforeAll(async () => {
  await writeDemoBenchmark(join(dataDir, "demo"), {
    sizes: { TEST_SP_ID: 3, TEST_SP_OD: 1, TEST_MP_ID: 1, TEST_MP_OD: 2 },
  });
  database = await openTestDatabase("embedded");
}, 60_000);

afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every image row of the person's, in their library or not: a benchmark's pictures are rows outside the library. */
const countPictureRows = (ownerId: string) => database.prisma.image.count({ where: { ownerId } });

describe("the demo benchmark on a new installation", () => {
  it("is imported into the first account in the background, and not into the next", async () => {
    const admin = await signUpAs("first@example.com");
    expect(admin.roles).toContain("admin");
    await expect
      .poll(
        async () =>
          (await findBenchmarkSubsets(database, admin.id))
            .map((subset) => `${subset.name}:${subset.sampleCount}`)
            .sort(),
        { timeout: 30_000, interval: 200 },
      )
      .toEqual(["TEST_MP_ID:1", "TEST_MP_OD:2", "TEST_SP_ID:3", "TEST_SP_OD:1"]);
    expect(await countPictureRows(admin.id)).toBe(7 * 12);
    // The benchmark's pictures belong to its subsets, not to the person's library.
    expect(await countLibraryImages(database, admin.id)).toBe(0);

    const second = await signUpAs("second@example.com");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await findBenchmarkSubsets(database, second.id)).toEqual([]);
  });
});
