import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import { countLibraryImages, findOwnedImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { readBenchmarkSamples } from "@/lib/preferthinker/benchmark-format";
import { pythonShuffle } from "@/lib/preferthinker/python-random";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles, type TestPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";
import { zipFolder } from "@/test/zip-folder";

/** Importing benchmark subsets from a server folder: all or nothing, pictures into the researcher's library once. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-imports-"));
const demo = join(dataDir, "demo");
const benchmarks = join(dataDir, "benchmarks");
let database: Database;
let researcher: TestPerson;

const routes = {
  imports: () => import("@/app/api/benchmarks/imports/route"),
  subsets: () => import("@/app/api/benchmarks/subsets/route"),
  zip: () => import("@/app/api/benchmarks/imports/zip/route"),
};

type SubsetJson = { id: string; name: string; source: string; sampleCount: number };

async function importFolder(folder: string, subsets?: string[], session = researcher.sessionToken) {
  const response = await callRoute(await routes.imports(), "POST", "/api/benchmarks/imports", {
    sessionToken: session,
    body: { folder, subsets },
  });
  return {
    status: response.status,
    body: (await response.json()) as { subsets: SubsetJson[]; error: { message: string } },
  };
}

const makeResearcher = (email: string) => createPersonWithRoles(database, email, ["researcher"]);

/** A copy of the demo benchmark under BENCHMARK_DIR, with one sample changed. */
function brokenCopy(name: string, subset: string, change: (samples: Record<string, unknown>[]) => void): string {
  const folder = join(benchmarks, name);
  cpSync(demo, folder, { recursive: true });
  const file = join(folder, "data", subset, `${subset}.json`);
  const samples = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
  change(samples);
  writeFileSync(file, JSON.stringify(samples));
  return folder;
}

setEnvironmentForSuite({
  DATA_DIR: dataDir,
  DEMO_DIR: demo,
  BENCHMARK_DIR: benchmarks,
  // Small enough that a test picture can exceed it; the demo's pictures are a few kilobytes.
  IMAGE_MAX_BYTES: String(256 * 1024),
});
beforeAll(async () => {
  mkdirSync(benchmarks, { recursive: true });
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 4, TEST_MP_OD: 2 } });
  database = await openTestDatabase("embedded");
  researcher = await makeResearcher("researcher@example.com");
});

afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every image row of the person's, in their library or not: a benchmark's pictures are rows outside the library. */
const countPictureRows = (ownerId: string) => database.prisma.image.count({ where: { ownerId } });

describe("importing a benchmark folder", () => {
  it("imports every subset with its samples in the official order, the pictures in the researcher's library", async () => {
    const { status, body } = await importFolder(demo);
    expect(status).toBe(201);
    expect(body.subsets.map((subset) => [subset.name, subset.sampleCount]).sort()).toEqual([
      ["TEST_MP_OD", 2],
      ["TEST_SP_ID", 4],
    ]);

    const listed = (await (
      await callRoute(await routes.subsets(), "GET", "/api/benchmarks/subsets", {
        sessionToken: researcher.sessionToken,
      })
    ).json()) as { subsets: SubsetJson[] };
    expect(listed.subsets.map((subset) => subset.id).sort()).toEqual(body.subsets.map((subset) => subset.id).sort());

    const spId = body.subsets.find((subset) => subset.name === "TEST_SP_ID")!;
    const samples = await findBenchmarkSamples(database, spId.id);
    const file = readBenchmarkSamples(
      JSON.parse(readFileSync(join(demo, "data/TEST_SP_ID/TEST_SP_ID.json"), "utf8")),
    ).samples;
    // The rows come back in the official order: the file's samples shuffled with seed 42.
    expect(samples.map((sample) => sample.index)).toEqual(pythonShuffle(file, 42).map((sample) => sample.index));
    const first = samples.find((sample) => sample.index === 0)!;
    expect(first.label).toBe(file[0]!.label);
    expect(first.imageAPath).toBe(file[0]!.imageA);
    expect(first.preferredPaths).toEqual(file[0]!.prefered_images);
    expect(first.preferAttributes).toEqual(file[0]!.prefer_attributes);
    const ids = [first.imageAId, first.imageBId, ...first.preferredImageIds, ...first.nonPreferredImageIds];
    expect(ids).toHaveLength(12);
    expect(await findOwnedImages(database, researcher.id, ids)).toHaveLength(new Set(ids).size);
    // 6 samples of 12 distinct pictures each, none of them in the researcher's own library.
    expect(await countPictureRows(researcher.id)).toBe(72);
    expect(await countLibraryImages(database, researcher.id)).toBe(0);
  });

  it("refuses the same subsets from the same folder again (409), and reuses the pictures for a copy elsewhere", async () => {
    const again = await importFolder(demo, ["TEST_SP_ID"]);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/Already imported .*TEST_SP_ID/);

    const copy = join(benchmarks, "copy");
    cpSync(demo, copy, { recursive: true });
    const imported = await importFolder(copy, ["test_sp_id"]);
    expect(imported.status).toBe(201);
    expect(imported.body.subsets).toMatchObject([{ name: "TEST_SP_ID", sampleCount: 4 }]);
    // Same bytes, same library images: nothing new in the library.
    expect(await countPictureRows(researcher.id)).toBe(72);
  });

  it("writes nothing when one sample is broken, and says which sample and field", async () => {
    const folder = brokenCopy("broken-label", "TEST_SP_ID", (samples) => {
      samples[2]!.conversations = [{ from: "human", value: "Image C" }];
    });
    const other = await makeResearcher("other-researcher@example.com");
    const refused = await importFolder(folder, undefined, other.sessionToken);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(
      /TEST_SP_ID: sample 2: conversations\[0\]\.value: the label must be "Image A" or "Image B"/,
    );
    expect(await countPictureRows(other.id)).toBe(0);
    const listed = (await (
      await callRoute(await routes.subsets(), "GET", "/api/benchmarks/subsets", { sessionToken: other.sessionToken })
    ).json()) as { subsets: SubsetJson[] };
    expect(listed.subsets).toEqual([]);
  });

  it("writes nothing when a picture is missing, naming the sample and field", async () => {
    const folder = brokenCopy("missing-picture", "TEST_MP_OD", (samples) => {
      samples[1]!.imageB = "TEST_MP_OD/nowhere.jpg";
    });
    const other = await makeResearcher("third-researcher@example.com");
    const refused = await importFolder(folder, undefined, other.sessionToken);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/TEST_MP_OD: sample 1: imageB: no picture "TEST_MP_OD\/nowhere.jpg"/);
    expect(await countPictureRows(other.id)).toBe(0);
  });

  it("imports a subset larger than one write batch, whose samples share pictures, whole and in the official order", async () => {
    // 2,500 samples made of the demo's 4, their candidates swapped every other round: each picture is used many times.
    const base = JSON.parse(readFileSync(join(demo, "data", "TEST_SP_ID", "TEST_SP_ID.json"), "utf8")) as Record<
      string,
      unknown
    >[];
    const folder = brokenCopy("large", "TEST_SP_ID", (samples) => {
      samples.length = 0;
      for (let index = 0; index < 2500; index++) {
        const sample = { ...base[index % base.length]! };
        if (Math.floor(index / base.length) % 2 === 1) {
          [sample.imageA, sample.imageB] = [sample.imageB, sample.imageA];
          const label = (sample.conversations as { value: string }[])[0]!.value;
          sample.conversations = [{ from: "gpt", value: label === "Image A" ? "Image B" : "Image A" }];
        }
        samples.push(sample);
      }
    });
    const person = await makeResearcher("large-subset@example.com");
    const imported = await importFolder(folder, ["TEST_SP_ID"], person.sessionToken);
    expect(imported.status).toBe(201);
    expect(imported.body.subsets[0]!.sampleCount).toBe(2500);
    expect(await countPictureRows(person.id)).toBe(base.length * 12);
    const rows = await findBenchmarkSamples(database, imported.body.subsets[0]!.id);
    expect(rows).toHaveLength(2500);
    const expected = pythonShuffle(
      Array.from({ length: 2500 }, (_, index) => index),
      42,
    );
    expect(rows.map((row) => row.index)).toEqual(expected);
    const swapped = rows.find((row) => row.index === base.length)!;
    const first = rows.find((row) => row.index === 0)!;
    expect([swapped.imageAId, swapped.imageBId]).toEqual([first.imageBId, first.imageAId]);
    expect(swapped.label).not.toBe(first.label);
  });

  it("refuses a subset file that is not JSON, or not an array, and writes nothing", async () => {
    const notJson = brokenCopy("not-json", "TEST_SP_ID", () => undefined);
    writeFileSync(join(notJson, "data", "TEST_SP_ID", "TEST_SP_ID.json"), '[{"imageA": "a.jpg",');
    const person = await makeResearcher("bad-files@example.com");
    const cut = await importFolder(notJson, ["TEST_SP_ID"], person.sessionToken);
    expect(cut.status).toBe(422);
    expect(cut.body.error.message).toMatch(/^TEST_SP_ID: TEST_SP_ID\.json is not readable JSON: /);

    const notArray = brokenCopy("not-array", "TEST_SP_ID", () => undefined);
    writeFileSync(join(notArray, "data", "TEST_SP_ID", "TEST_SP_ID.json"), '{"samples": []}');
    const object = await importFolder(notArray, ["TEST_SP_ID"], person.sessionToken);
    expect(object.status).toBe(422);
    expect(object.body.error.message).toBe(
      "TEST_SP_ID: the file: (file): a benchmark file is a JSON array of samples. Nothing was imported.",
    );
    expect(await countPictureRows(person.id)).toBe(0);
  });

  it("names an unusable sample before a missing picture that comes earlier in the file", async () => {
    const folder = brokenCopy("both-wrong", "TEST_SP_ID", (samples) => {
      samples[0]!.imageA = "TEST_SP_ID/nowhere.jpg";
      delete samples[3]!.prefered_images;
    });
    const refused = await importFolder(folder, ["TEST_SP_ID"]);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/^TEST_SP_ID: sample 3: prefered_images: /);
  });

  it("imports only from the demo folder or BENCHMARK_DIR, answering the same whether a folder outside exists or not", async () => {
    const answers = new Set<string>();
    for (const folder of [dataDir, "/etc", join(benchmarks, ".."), "/no/such/folder", join(benchmarks, "not-there")]) {
      const refused = await importFolder(folder);
      expect(refused.status).toBe(400);
      answers.add(refused.body.error.message);
    }
    expect([...answers]).toEqual([
      "folder: must be a benchmark folder inside BENCHMARK_DIR or the demo benchmark's folder.",
    ]);
    // A sample cannot reach outside its folder either.
    const folder = brokenCopy("escape", "TEST_SP_ID", (samples) => {
      samples[0]!.imageA = "../../demo/images/TEST_SP_ID/000_liked_1.jpg";
    });
    const refused = await importFolder(folder);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/sample 0: imageA: no picture/);
  });
});

describe("what an import shows of the server", () => {
  it("names a subset's source relative to its allowed root, and no message holds an absolute path", async () => {
    const folder = join(benchmarks, "named");
    cpSync(demo, folder, { recursive: true });
    const imported = await importFolder("named", ["TEST_MP_OD"]);
    expect(imported.status).toBe(201);
    expect(imported.body.subsets[0]!.source).toBe("BENCHMARK_DIR/named");
    const again = await importFolder(folder, ["TEST_MP_OD"]);
    expect(again.body.error.message).toMatch(/^Already imported from BENCHMARK_DIR\/named: TEST_MP_OD/);
    const missing = await importFolder("named", ["TEST_SP_OD"]);
    expect(missing.body.error.message).toBe(
      "subsets: BENCHMARK_DIR/named has no TEST_SP_OD; it has TEST_SP_ID, TEST_MP_OD.",
    );
    mkdirSync(join(benchmarks, "no-data"), { recursive: true });
    const noData = await importFolder("no-data");
    expect(noData.body.error.message).toMatch(/^BENCHMARK_DIR\/no-data has no data\/ folder/);
    for (const message of [again, missing, noData].map((answer) => answer.body.error.message))
      expect(message).not.toContain(dataDir);
    const demoImport = await importFolder(
      "demo",
      ["TEST_SP_ID"],
      (await makeResearcher("demo-source@example.com")).sessionToken,
    );
    expect(demoImport.body.subsets[0]!.source).toBe("the demo benchmark");
  });

  it("does not read a data file that links out of the folder, so no other file's text reaches the answer", async () => {
    const folder = join(benchmarks, "linked");
    cpSync(demo, folder, { recursive: true });
    const secret = join(dataDir, "secret.txt");
    writeFileSync(secret, "root:x:0:0:the secret line");
    const file = join(folder, "data", "TEST_MP_OD", "TEST_MP_OD.json");
    rmSync(file);
    symlinkSync(secret, file);
    const refused = await importFolder("linked", ["TEST_MP_OD"]);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      "TEST_MP_OD: data/TEST_MP_OD/TEST_MP_OD.json lies outside the benchmark folder (a link). Nothing was imported.",
    );
    expect(refused.body.error.message).not.toContain("secret");
  });
});

describe("an import's bounds", () => {
  it("refuses a picture over IMAGE_MAX_BYTES before reading it, naming it by the sample's path, and imports nothing", async () => {
    const folder = join(benchmarks, "oversized");
    cpSync(demo, folder, { recursive: true });
    const file = join(folder, "data", "TEST_MP_OD", "TEST_MP_OD.json");
    const samples = JSON.parse(readFileSync(file, "utf8")) as { imageA: string }[];
    writeFileSync(join(folder, "images", samples[1]!.imageA), Buffer.alloc(300 * 1024, 7));
    const person = await makeResearcher("oversized@example.com");
    const refused = await importFolder("oversized", ["TEST_MP_OD"], person.sessionToken);
    expect(refused.status).toBe(413);
    expect(refused.body.error.message).toBe(
      `${samples[1]!.imageA}: the picture is 300 KB; at most 256 KB is accepted (IMAGE_MAX_BYTES). Nothing was imported.`,
    );
    expect(await countPictureRows(person.id)).toBe(0);
  });

  it("refuses a zip entry that unpacks to a thousand times its size, from its header", async () => {
    const uploader = await makeResearcher("bomb@example.com");
    const bomb = zipSync({ "data/TEST_SP_ID/TEST_SP_ID.json": new Uint8Array(20 * 2 ** 20).fill(32) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const refused = await importZip(bomb, "name=bomb.zip", uploader.sessionToken);
    expect(refused.status).toBe(413);
    expect(refused.body.error.message).toMatch(
      /^The zip entry "data\/TEST_SP_ID\/TEST_SP_ID.json" unpacks to \d+ times its size; at most 100 times is accepted\.$/,
    );
  });

  it("runs one import per person at a time: a second started meanwhile is a 409, and someone else's goes ahead", async () => {
    const person = await makeResearcher("impatient@example.com");
    const someoneElse = await makeResearcher("patient@example.com");
    cpSync(demo, join(benchmarks, "twice-a"), { recursive: true });
    cpSync(demo, join(benchmarks, "twice-b"), { recursive: true });
    cpSync(demo, join(benchmarks, "twice-c"), { recursive: true });
    const [first, second, other] = await Promise.all([
      importFolder("twice-a", undefined, person.sessionToken),
      importFolder("twice-b", undefined, person.sessionToken),
      importFolder("twice-c", undefined, someoneElse.sessionToken),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    expect([first, second].find((answer) => answer.status === 409)!.body.error.message).toBe(
      "You have a benchmark import running already: wait for it to finish, then import again.",
    );
    expect(other.status).toBe(201);
    // Once it is done, the next import goes through.
    expect((await importFolder("twice-b", undefined, person.sessionToken)).status).toBe(201);
  });
});

async function importZip(body: Uint8Array, query: string, session: string) {
  const response = await callRoute(await routes.zip(), "POST", `/api/benchmarks/imports/zip?${query}`, {
    sessionToken: session,
    body,
    headers: { "content-type": "application/zip" },
  });
  return {
    status: response.status,
    body: (await response.json()) as { subsets: SubsetJson[]; error: { code: string; message: string } },
  };
}

describe("importing an uploaded zip", () => {
  it("imports the benchmark inside the zip's one folder, and refuses the same zip again", async () => {
    const uploader = await makeResearcher("zip-researcher@example.com");
    const zip = await zipFolder(demo, "PreferImg-Bench/", { "__MACOSX/._junk": "resource fork" });
    const { status, body } = await importZip(zip, "name=PreferImg-Bench.zip&subsets=TEST_MP_OD", uploader.sessionToken);
    expect(status).toBe(201);
    expect(body.subsets).toMatchObject([{ name: "TEST_MP_OD", sampleCount: 2 }]);
    expect(body.subsets[0]!.source).toMatch(/^PreferImg-Bench\.zip \(uploaded zip, sha256 [0-9a-f]{16}\)$/);
    expect(await countPictureRows(uploader.id)).toBe(24);
    const again = await importZip(zip, "name=PreferImg-Bench.zip&subsets=TEST_MP_OD", uploader.sessionToken);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/Already imported from PreferImg-Bench\.zip/);
  });

  it("writes nothing when one sample in the zip is broken, naming it", async () => {
    const uploader = await makeResearcher("zip-broken@example.com");
    const folder = brokenCopy("zip-broken", "TEST_SP_ID", (samples) => {
      delete samples[3]!.imageA;
    });
    const refused = await importZip(await zipFolder(folder, ""), "name=broken.zip", uploader.sessionToken);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/TEST_SP_ID: sample 3: imageA/);
    expect(await countPictureRows(uploader.id)).toBe(0);
  });

  it("refuses what is not a benchmark zip with a clear error, and leaves no files behind", async () => {
    const uploader = await makeResearcher("zip-bad@example.com");
    const notZip = await importZip(new TextEncoder().encode("just some text"), "name=notes.txt", uploader.sessionToken);
    expect(notZip.status).toBe(400);
    expect(notZip.body.error.message).toMatch(/not a readable zip/);
    const empty = await importZip(
      await zipFolder(join(demo, "images"), "pictures/"),
      "name=pictures.zip",
      uploader.sessionToken,
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/holds no benchmark/);
    expect(existsSync(join(dataDir, "tmp")) ? readdirSync(join(dataDir, "tmp")) : []).toEqual([]);
  });
});
