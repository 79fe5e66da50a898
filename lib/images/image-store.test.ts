import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3Server, startS3Server } from "@/test/s3-server";
import { FolderImageStore, type ImageStore } from "./image-store";
import { createS3Client, S3ImageStore } from "./s3-image-store";

/**
 * The ImageStore contract, held by the folder store and by the S3 store
 * against a real S3-compatible server (s3rver, started here on 127.0.0.1).
 */

const root = mkdtempSync(join(tmpdir(), "image-store-contract-"));
let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3Server("contract");
}, 60_000);
afterAll(async () => {
  await s3?.stop();
  rmSync(root, { recursive: true, force: true });
});

const stores: [string, () => ImageStore][] = [
  ["the folder store", () => new FolderImageStore(join(root, "folder"))],
  [
    "the S3 store",
    () => {
      // The SDK's standard settings, as an instance reads them from its environment.
      Object.assign(process.env, s3.env());
      return new S3ImageStore(
        {
          kind: "s3",
          bucket: s3.bucket,
          prefix: "studio/",
          forcePathStyle: true,
          endpoint: s3.endpoint,
          region: "us-east-1",
        },
        join(root, "s3-spool"),
      );
    },
  ],
];

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A picture's three files with distinct contents; the original spooled where the store says, as an upload is. */
async function picture(store: ImageStore, originalBytes = 3000) {
  const original = randomBytes(originalBytes);
  const sha256 = createHash("sha256").update(original).digest("hex");
  const originalPath = await store.temporaryPath();
  await writeFile(originalPath, original);
  return { sha256, original, originalPath, normalized: randomBytes(1500), thumbnail: randomBytes(200) };
}

describe.each(stores)("%s", (_, makeStore) => {
  let store: ImageStore;
  beforeAll(() => {
    store = makeStore();
  });

  it("stores the three files of a picture under its hash and gives each back whole, as a stream and at once", async () => {
    const files = await picture(store);
    expect(await store.has(files.sha256)).toBe(false);
    await store.put(files.sha256, files);
    expect(await store.has(files.sha256)).toBe(true);
    for (const [variant, expected] of [
      ["original", files.original],
      ["normalized", files.normalized],
      ["thumb", files.thumbnail],
    ] as const) {
      const read = await store.read(files.sha256, variant);
      expect(read?.bytes).toBe(expected.length);
      expect((await bytesOf(read!.stream)).equals(expected)).toBe(true);
      expect((await store.readBytes(files.sha256, variant))?.equals(expected)).toBe(true);
      expect(await store.size(files.sha256, variant)).toBe(expected.length);
    }
  });

  it("takes the spooled original away, so the upload folder does not fill up", async () => {
    const files = await picture(store);
    await store.put(files.sha256, files);
    const spool = files.originalPath.slice(0, files.originalPath.lastIndexOf("/"));
    expect(await readdir(spool)).not.toContain(files.originalPath.slice(spool.length + 1));
  });

  it("reads one byte range of a file, its last byte included", async () => {
    const files = await picture(store);
    await store.put(files.sha256, files);
    const part = await store.read(files.sha256, "original", { start: 100, end: 1099 });
    expect(part?.bytes).toBe(1000);
    expect((await bytesOf(part!.stream)).equals(files.original.subarray(100, 1100))).toBe(true);
    const tail = await store.read(files.sha256, "thumb", { start: 190, end: 199 });
    expect((await bytesOf(tail!.stream)).equals(files.thumbnail.subarray(190))).toBe(true);
  });

  it("stores the same bytes twice without harm, and streams a large original whole", async () => {
    const files = await picture(store, 12 * 2 ** 20);
    await store.put(files.sha256, files);
    const again = await picture(store, 10);
    await writeFile(again.originalPath, files.original);
    await store.put(files.sha256, { ...files, originalPath: again.originalPath });
    const read = await store.read(files.sha256, "original");
    expect(read?.bytes).toBe(files.original.length);
    expect(
      createHash("sha256")
        .update(await bytesOf(read!.stream))
        .digest("hex"),
    ).toBe(files.sha256);
  });

  it("answers null for what it does not hold", async () => {
    const absent = "ab".repeat(32);
    expect(await store.has(absent)).toBe(false);
    expect(await store.read(absent, "normalized")).toBeNull();
    expect(await store.readBytes(absent, "thumb")).toBeNull();
    expect(await store.size(absent, "original")).toBeNull();
  });

  it("refuses a key that is not a sha256, so no path or key can be reached through it", async () => {
    await expect(store.read("../../etc/passwd", "original")).rejects.toThrow(/Not a sha256/);
  });

  it("lists what it holds with when it was written, and removes a picture's files together", async () => {
    const before = Date.now();
    const files = await picture(store);
    await store.put(files.sha256, files);
    const listed = (await store.list()).find((entry) => entry.sha256 === files.sha256);
    expect(listed).toBeDefined();
    // Second-granular clocks (S3's Last-Modified) may round down.
    expect(listed!.modifiedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(listed!.modifiedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    await store.remove(files.sha256);
    expect(await store.has(files.sha256)).toBe(false);
    expect(await store.read(files.sha256, "normalized")).toBeNull();
    expect((await store.list()).map((entry) => entry.sha256)).not.toContain(files.sha256);
  });

  it("sweeps uploads in progress left by a crash once they are old, and leaves young ones", async () => {
    const old = await store.temporaryPath();
    const young = await store.temporaryPath();
    await writeFile(old, "left by a crash");
    await writeFile(young, "being uploaded");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(await store.sweepTemporary(60 * 60 * 1000)).toBe(1);
    const spool = young.slice(0, young.lastIndexOf("/"));
    const left = await readdir(spool);
    expect(left).toContain(young.slice(spool.length + 1));
    expect(left).not.toContain(old.slice(spool.length + 1));
  });
});

describe("the S3 store's layout", () => {
  it("keeps pictures under the prefix, in the folder store's layout, so a bucket can be shared and copied", async () => {
    Object.assign(process.env, s3.env());
    const settings = {
      kind: "s3" as const,
      bucket: s3.bucket,
      forcePathStyle: true,
      endpoint: s3.endpoint,
      region: "us-east-1",
    };
    const mine = new S3ImageStore({ ...settings, prefix: "lab-a/" }, join(root, "a"));
    const theirs = new S3ImageStore({ ...settings, prefix: "lab-b/" }, join(root, "b"));
    const files = await picture(mine);
    await mine.put(files.sha256, files);
    expect((await mine.list()).map((entry) => entry.sha256)).toContain(files.sha256);
    expect((await theirs.list()).map((entry) => entry.sha256)).not.toContain(files.sha256);
    const listing = await (await fetch(`${s3.endpoint}/${s3.bucket}?list-type=2&prefix=lab-a/`)).text();
    expect(listing).toContain(`lab-a/${files.sha256.slice(0, 2)}/${files.sha256}/original`);
    expect(listing).toContain(`lab-a/${files.sha256.slice(0, 2)}/${files.sha256}/normalized.jpg`);
    expect(listing).toContain(`lab-a/${files.sha256.slice(0, 2)}/${files.sha256}/thumb.webp`);
  });

  it("writes the original last, after both copies, so a picture whose original is there is whole", async () => {
    Object.assign(process.env, s3.env());
    const settings = {
      kind: "s3" as const,
      bucket: s3.bucket,
      prefix: "",
      forcePathStyle: true,
      endpoint: s3.endpoint,
      region: "us-east-1",
    };
    const client = createS3Client(settings);
    const finished: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "PutObjectCommand" || context.commandName === "CompleteMultipartUploadCommand")
          finished.push(
            String((args.input as { Key?: string }).Key)
              .split("/")
              .pop()!,
          );
        return result;
      },
      { step: "initialize" },
    );
    const store = new S3ImageStore(settings, join(root, "order"), client);
    const files = await picture(store);
    await store.put(files.sha256, files);
    expect(finished).toHaveLength(3);
    expect(finished[2]).toBe("original");
  });
});
