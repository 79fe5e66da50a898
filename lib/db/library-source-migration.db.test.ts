import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/test-databases";
import { openDatabase } from "./open-database";

/**
 * The migration that gave images a library source, on an installation from
 * before it: the pictures an imported benchmark put in a researcher's library
 * leave it, while everything the person uploaded, took from a demo person, or
 * used in an assessment or reference set stays; reference set names that
 * repeat are told apart.
 */

const migration = "20261203101511_library_source";
const folder = mkdtempSync(join(tmpdir(), "studio-library-migration-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The migrations before this one, in a folder of their own. */
function migrationsBefore(): string {
  const all = resolve("prisma/migrations");
  const earlier = join(folder, "earlier");
  for (const name of readdirSync(all))
    if (name < migration || name === "migration_lock.toml")
      cpSync(join(all, name), join(earlier, name), { recursive: true });
  return earlier;
}

const ids = {
  researcher: "00000000-0000-4000-8000-000000000001",
  other: "00000000-0000-4000-8000-000000000002",
  uploaded: "00000000-0000-4000-8000-0000000000a1",
  demoTaken: "00000000-0000-4000-8000-0000000000a2",
  benchmarkOnly: "00000000-0000-4000-8000-0000000000a3",
  benchmarkAssessed: "00000000-0000-4000-8000-0000000000a4",
  benchmarkInSet: "00000000-0000-4000-8000-0000000000a5",
  othersCopy: "00000000-0000-4000-8000-0000000000a6",
  subset: "00000000-0000-4000-8000-0000000000b1",
};

describe(`migration ${migration}`, () => {
  it("moves benchmark-only pictures out of the library they flooded and keeps the person's own", async () => {
    const target = await createTestDatabase("postgres");
    const before = await openDatabase({
      databaseUrl: target.databaseUrl,
      dataDir: target.dataDir,
      migrationsDir: migrationsBefore(),
    });
    const sql = (text: string) => before.prisma.$executeRawUnsafe(text);
    await sql(
      `INSERT INTO app_user (id, email, password_hash) VALUES ('${ids.researcher}', 'r@example.com', 'x'), ('${ids.other}', 'o@example.com', 'x')`,
    );
    const image = (id: string, owner: string, sha: string, name: string) =>
      `('${id}', '${owner}', '${sha.repeat(64)}', 'png', 10, 10, 100, '${name}', now() - interval '1 day')`;
    await sql(`INSERT INTO image (id, owner_id, sha256, format, width, height, bytes, original_name, created_at) VALUES
      ${image(ids.uploaded, ids.researcher, "1", "holiday.jpg")},
      ${image(ids.demoTaken, ids.researcher, "2", "demo-000_liked_1.png")},
      ${image(ids.benchmarkOnly, ids.researcher, "3", "001_liked_2.png")},
      ${image(ids.benchmarkAssessed, ids.researcher, "4", "001_candidate_a.png")},
      ${image(ids.benchmarkInSet, ids.researcher, "5", "001_candidate_b.png")},
      ${image(ids.othersCopy, ids.other, "3", "same-bytes-as-a-benchmark-picture.png")}`);
    await sql(
      `INSERT INTO benchmark_subset (id, owner_id, name, source, sample_count) VALUES ('${ids.subset}', '${ids.researcher}', 'TEST_SP_ID', 'demo', 1)`,
    );
    await sql(`INSERT INTO benchmark_sample (id, subset_id, index, official_order, image_a_id, image_b_id, preferred_image_ids, non_preferred_image_ids, image_a_path, image_b_path, preferred_paths, non_preferred_paths, label)
      VALUES (gen_random_uuid(), '${ids.subset}', 0, 0, '${ids.benchmarkAssessed}', '${ids.benchmarkInSet}', ARRAY['${ids.benchmarkOnly}', '${ids.demoTaken}'], ARRAY[]::text[], 'a.png', 'b.png', ARRAY['l.png', 'd.png'], ARRAY[]::text[], 'Image A')`);
    await sql(`INSERT INTO assessment (id, owner_id, mode, preferred_image_ids, non_preferred_image_ids, candidate_image_ids, provider, endpoint, model, template_id, settings, issue_codes)
      VALUES (gen_random_uuid(), '${ids.researcher}', 'fast', ARRAY['${ids.uploaded}'], ARRAY[]::text[], ARRAY['${ids.benchmarkAssessed}'], 'baseline', 'baseline', 'baseline', 'preferthinker-v1', '{}', ARRAY[]::text[])`);
    await sql(`INSERT INTO reference_set (id, owner_id, name, preferred_image_ids, non_preferred_image_ids, created_at, updated_at) VALUES
      (gen_random_uuid(), '${ids.researcher}', 'Mine', ARRAY['${ids.benchmarkInSet}'], ARRAY[]::text[], now() - interval '2 minutes', now()),
      (gen_random_uuid(), '${ids.researcher}', 'Mine', ARRAY['${ids.uploaded}'], ARRAY[]::text[], now() - interval '1 minute', now()),
      (gen_random_uuid(), '${ids.researcher}', 'Mine', ARRAY['${ids.uploaded}'], ARRAY[]::text[], now(), now()),
      (gen_random_uuid(), '${ids.other}', 'Mine', ARRAY['${ids.othersCopy}'], ARRAY[]::text[], now(), now())`);
    await before.close();

    const after = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    try {
      const images = await after.prisma.image.findMany({
        select: { id: true, librarySource: true, addedToLibraryAt: true, createdAt: true },
      });
      const sourceOf = Object.fromEntries(images.map((row) => [row.id, row.librarySource]));
      expect(sourceOf).toEqual({
        [ids.uploaded]: "upload",
        // Taken from a demo person: it stays in the library even though the benchmark uses the same picture.
        [ids.demoTaken]: "demo",
        [ids.benchmarkOnly]: null,
        [ids.benchmarkAssessed]: "upload",
        [ids.benchmarkInSet]: "upload",
        // The same bytes in someone else's library are theirs: untouched.
        [ids.othersCopy]: "upload",
      });
      for (const row of images)
        expect(row.addedToLibraryAt?.getTime() ?? null).toBe(row.librarySource ? row.createdAt.getTime() : null);
      // Every picture the sample points at is still there.
      expect(images).toHaveLength(6);
      const names = await after.prisma.referenceSet.findMany({
        orderBy: [{ ownerId: "asc" }, { createdAt: "asc" }],
        select: { ownerId: true, name: true },
      });
      expect(names).toEqual([
        { ownerId: ids.researcher, name: "Mine" },
        { ownerId: ids.researcher, name: "Mine (2)" },
        { ownerId: ids.researcher, name: "Mine (3)" },
        { ownerId: ids.other, name: "Mine" },
      ]);
    } finally {
      await after.close();
    }
  });
});
