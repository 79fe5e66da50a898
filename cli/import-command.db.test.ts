import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { openDatabase } from "@/lib/db/open-database";
import { createUser, updateUser } from "@/lib/db/users";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";

/** `preferthinker import` against the embedded database of a DATA_DIR, as an operator runs it. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-cli-import-"));
const demo = join(dataDir, "demo");
let researcherId: string;

function runImport(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/preferthinker.mjs", "import", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const open = () => openDatabase({ databaseUrl: undefined, dataDir });

beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 2 } });
  const database = await open();
  const researcher = (await createUser(database, "researcher@example.com", "not used"))!;
  await updateUser(database, researcher.id, { roles: ["researcher"] });
  await createUser(database, "user@example.com", "not used");
  researcherId = researcher.id;
  await database.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("preferthinker import", () => {
  it("imports a folder for a researcher and says how many samples, how fast", async () => {
    const result = await runImport("--benchmark", demo, "--as", "Researcher@example.com");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^TEST_SP_ID +2 samples {2}subset [0-9a-f-]{36}\n2 samples imported for researcher@example.com in [\d.]+ s \([\d.]+ samples\/s\)\n$/,
    );
    const database = await open();
    try {
      expect(
        (await findBenchmarkSubsets(database, researcherId)).map((subset) => [subset.name, subset.sampleCount]),
      ).toEqual([["TEST_SP_ID", 2]]);
    } finally {
      await database.close();
    }
  });

  it("refuses an account without the researcher role, and a second import of the same folder", async () => {
    const plain = await runImport("--benchmark", demo, "--as", "user@example.com");
    expect(plain.status).toBe(1);
    expect(plain.stderr).toBe("error: user@example.com is not a researcher (roles: user); an admin can add the role\n");
    const again = await runImport("--benchmark", demo, "--as", "researcher@example.com");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^error: Already imported from .*: TEST_SP_ID \(subset/);
  });

  it("says what to do while the server holds the embedded database", async () => {
    const database = await open();
    try {
      const held = await runImport("--benchmark", demo, "--as", "researcher@example.com");
      expect(held.status).toBe(1);
      expect(held.stderr).toMatch(
        /already in use by process \d+.*stop the server, or import through the API \(POST \/api\/benchmarks\/imports\)/,
      );
    } finally {
      await database.close();
    }
  });
});
