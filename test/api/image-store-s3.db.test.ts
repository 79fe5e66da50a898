import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { setEnvironment } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import * as samples from "@/test/image-samples";
import { type S3Server, startS3Server } from "@/test/s3-server";
import { openTestDatabase } from "@/test/test-databases";

/**
 * Pictures in an S3-compatible bucket (s3rver, started here): uploaded and
 * served through the routes as from the folder, byte ranges included, and
 * swept by the rules every instance shares: never while an upload of the same
 * bytes holds a claim, and never under a claim that is being taken.
 */

const imagesRoute = await import("@/app/api/images/route");
const fileRoute = await import("@/app/api/images/[id]/[variant]/route");
const { getImageLibrary, sweepImageStore } = await import("@/lib/images/image-library");
const { claimUploads, releaseUploadClaims, removeUnlessInUse } = await import("@/lib/db/image-claims");

let s3: S3Server;
const dataDirs: string[] = [];
const restores: (() => void)[] = [];

beforeAll(async () => {
  s3 = await startS3Server("sweep-and-serve");
}, 60_000);
afterAll(async () => {
  for (const restore of restores.reverse()) restore();
  await s3?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * An installation's environment: its own data folder, pictures in the bucket
 * under a prefix of its own (what another installation stored there is not
 * its to sweep), or in that folder. Returns the prefix.
 */
function useStore(kind: "s3" | "folder"): string {
  const dataDir = mkdtempSync(join(tmpdir(), `studio-${kind}-`));
  dataDirs.push(dataDir);
  const prefix = `studio-${dataDirs.length}`;
  restores.push(setEnvironment({ DATA_DIR: dataDir, ...(kind === "s3" ? s3.env(prefix) : { IMAGE_STORE: "folder" }) }));
  return prefix;
}

/** Files of a picture no row refers to, as a crash between storing and recording leaves them. */
async function strayPicture(): Promise<string> {
  const { store } = getImageLibrary();
  const original = randomBytes(500);
  const sha256 = createHash("sha256").update(original).digest("hex");
  const originalPath = await store.temporaryPath();
  await writeFile(originalPath, original);
  await store.put(sha256, { originalPath, normalized: randomBytes(100), thumbnail: randomBytes(50) });
  return sha256;
}

describe.each(["s3", "folder"] as const)("pictures served from the %s store", (kind) => {
  let database: Database;
  let token: string;
  let image: { id: string; sha256: string };
  let prefix: string;

  beforeAll(async () => {
    prefix = useStore(kind);
    database = await openTestDatabase("postgres");
    token = (await signUpPerson(`ranges-${kind}@example.com`)).sessionToken;
    const form = new FormData();
    form.append("files", new Blob([new Uint8Array(await samples.makePng(300, 200))]), "ranges.png");
    const response = await callRoute(imagesRoute, "POST", "/api/images", { body: form, sessionToken: token });
    expect(response.status).toBe(201);
    image = ((await response.json()) as { files: { image: { id: string; sha256: string } }[] }).files[0]!.image;
  });
  afterAll(async () => {
    await database.close();
  });

  const get = (variant: string, headers: Record<string, string> = {}) =>
    callRoute(fileRoute, "GET", `/api/images/${image.id}/${variant}`, {
      params: { id: image.id, variant },
      sessionToken: token,
      headers,
    });

  it("keeps the upload in the store and serves it whole, saying ranges are accepted", async () => {
    if (kind === "s3") {
      const listing = await (await fetch(`${s3.endpoint}/${s3.bucket}?list-type=2&prefix=${prefix}/`)).text();
      expect(listing).toContain(`${prefix}/${image.sha256.slice(0, 2)}/${image.sha256}/original`);
    }
    const whole = await get("original");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(image.sha256);
    expect(whole.headers.get("content-length")).toBe(String(bytes.length));
  });

  it("answers one range with 206 and that part, a suffix range with the last bytes, and a range past the end with 416", async () => {
    const whole = Buffer.from(await (await get("normalized")).arrayBuffer());
    const part = await get("normalized", { range: "bytes=10-109" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-109/${whole.length}`);
    expect(part.headers.get("content-length")).toBe("100");
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(10, 110))).toBe(true);

    const suffix = await get("normalized", { range: "bytes=-20" });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(whole.subarray(whole.length - 20))).toBe(true);

    const beyond = await get("normalized", { range: `bytes=${whole.length + 5}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${whole.length}`);
  });

  it("sends the whole file for an If-Range naming another version, for several ranges, and for a malformed range", async () => {
    const length = String((await (await get("thumb")).arrayBuffer()).byteLength);
    for (const headers of <Record<string, string>[]>[
      { range: "bytes=0-9", "if-range": '"some-other-version"' },
      { range: "bytes=0-9,20-29" },
      { range: "pages=1-2" },
    ]) {
      const response = await get("thumb", headers);
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.headers.get("content-length")).toBe(length);
    }
    const matching = await get("thumb", { range: "bytes=0-9", "if-range": `"${image.sha256}-thumb"` });
    expect(matching.status).toBe(206);
  });
});

describe.each(["postgres", "embedded"] as const)("the sweep of the S3 store, on the %s database", (databaseKind) => {
  let database: Database;
  beforeAll(async () => {
    useStore("s3");
    database = await openTestDatabase(databaseKind);
  });
  afterAll(async () => {
    await database.close();
  });

  it("removes pictures no row refers to, but not while an upload of the same bytes holds its claim", async () => {
    const { store } = getImageLibrary();
    const stray = await strayPicture();
    const claimed = await strayPicture();
    const [claim] = await claimUploads(database, [claimed]);

    expect((await sweepImageStore(database, 0)).images).toBe(1);
    expect(await store.has(stray)).toBe(false);
    expect(await store.readBytes(stray, "thumb")).toBeNull();
    expect(await store.has(claimed)).toBe(true);

    await releaseUploadClaims(database, [claim!]);
    expect((await sweepImageStore(database, 0)).images).toBe(1);
    expect(await store.has(claimed)).toBe(false);
  });

  it("leaves a picture a row refers to, whoever's it is", async () => {
    const token = (await signUpPerson(`kept-${databaseKind}@example.com`)).sessionToken;
    const form = new FormData();
    form.append("files", new Blob([new Uint8Array(await samples.makePng(40, 30))]), "kept.png");
    const uploaded = await callRoute(imagesRoute, "POST", "/api/images", { body: form, sessionToken: token });
    const { sha256 } = ((await uploaded.json()) as { files: { image: { sha256: string } }[] }).files[0]!.image;
    await sweepImageStore(database, 0);
    expect(await getImageLibrary().store.has(sha256)).toBe(true);
  });
});

describe("a claim taken while the sweep removes the same bytes", () => {
  let database: Database;
  beforeAll(async () => {
    useStore("s3");
    database = await openTestDatabase("postgres");
  });
  afterAll(async () => {
    await database.close();
  });

  it("waits until the removal has finished, so the upload stores the files afresh after it", async () => {
    const { store } = getImageLibrary();
    const sha256 = await strayPicture();
    let finishRemoval!: () => void;
    const removalMayFinish = new Promise<void>((resolve) => (finishRemoval = resolve));
    const events: string[] = [];
    const sweeping = removeUnlessInUse(database, sha256, async () => {
      events.push("removal started");
      await removalMayFinish;
      await store.remove(sha256);
      events.push("removal finished");
    });
    while (!events.includes("removal started")) await new Promise((resolve) => setTimeout(resolve, 10));

    // Another instance's upload of the same bytes, on a connection of its own.
    const claiming = claimUploads(database, [sha256]).then((ids) => {
      events.push("claimed");
      return ids;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(["removal started"]);
    finishRemoval();
    expect(await sweeping).toBe(true);
    const ids = await claiming;
    expect(events).toEqual(["removal started", "removal finished", "claimed"]);

    // Under the claim, the sweep leaves the bytes the upload stores again.
    expect(await removeUnlessInUse(database, sha256, () => store.remove(sha256))).toBe(false);
    await releaseUploadClaims(database, ids);
  });
});
