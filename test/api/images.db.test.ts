import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { openTestDatabase } from "@/test/test-databases";
import { callRoute } from "@/test/route-harness";
import * as samples from "@/test/image-samples";

// The image store lives in DATA_DIR; a small byte limit keeps the 413 case cheap.
const dataDir = mkdtempSync(join(tmpdir(), "studio-images-"));
setEnvironmentForSuite({ DATA_DIR: dataDir, IMAGE_MAX_BYTES: String(2 * 1024 * 1024) });

const imagesRoute = await import("@/app/api/images/route");
const fileRoute = await import("@/app/api/images/[id]/[variant]/route");
const { sweepImageStore } = await import("@/lib/images/image-library");

type FileResult = {
  name: string;
  image?: {
    id: string;
    sha256: string;
    width: number;
    height: number;
    format: string;
    isDuplicate: boolean;
    url: string;
    thumbnailUrl: string;
  };
  error?: { code: string; message: string };
};

let database: Database;
const tokens: Record<string, string> = {};

async function signUp(name: string) {
  tokens[name] = (await signUpPerson(`${name}@example.com`)).sessionToken;
}

async function upload(files: { name: string; bytes: Buffer; type?: string }[], as = "owner") {
  const form = new FormData();
  for (const file of files)
    form.append(
      "files",
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  const response = await callRoute(imagesRoute, "POST", "/api/images", { body: form, sessionToken: tokens[as] });
  return {
    status: response.status,
    body: (await response.json()) as { files: FileResult[]; error?: { code: string; message: string } },
  };
}

async function uploadOne(name: string, bytes: Buffer) {
  const { status, body } = await upload([{ name, bytes }]);
  return { status, file: body.files[0]!, error: body.error };
}

const fetchVariant = (id: string, variant: string, as = "owner") =>
  callRoute(fileRoute, "GET", `/api/images/${id}/${variant}`, { params: { id, variant }, sessionToken: tokens[as] });

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

beforeAll(async () => {
  database = await openTestDatabase("postgres");
  await signUp("admin");
  await signUp("owner");
  await signUp("other");
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("refused uploads, each with the status and words it deserves", () => {
  it.each([
    ["empty.jpg", Buffer.alloc(0), 422, /empty\. Upload a JPEG, PNG, WebP, AVIF or GIF file/],
    ["notes.jpg", samples.text, 415, /not an image we can read.*JPEG, PNG, WebP, AVIF or GIF/],
    ["drawing.svg", samples.svgWithScript, 415, /SVG files are not accepted/],
    ["page.html", samples.html, 415, /not an image we can read/],
    ["paper.pdf", samples.pdf, 415, /(PDF files are not accepted|not an image we can read)/],
  ])("%s", async (name, bytes, status, message) => {
    const result = await uploadOne(name, bytes);
    expect(result.status).toBe(status);
    expect(result.file.error?.message).toMatch(message);
  });

  it("refuses truncated PNG and JPEG files as damaged", async () => {
    for (const [name, bytes] of [
      ["cut.png", await samples.makePng(300, 300)],
      ["cut.jpg", await samples.makeJpeg(300, 300)],
    ] as const) {
      const result = await uploadOne(name, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      expect(result.status, name).toBe(422);
      expect(result.file.error?.message).toMatch(/truncated or damaged/);
    }
  });

  it("refuses files cut inside their header as damaged, not as the wrong kind", async () => {
    for (const [name, bytes] of [
      ["head.png", (await samples.makePng(300, 300)).subarray(0, 30)],
      ["head.jpg", (await samples.makeJpeg(300, 300)).subarray(0, 120)],
    ] as const) {
      const result = await uploadOne(name, bytes);
      expect(result.status, name).toBe(422);
      expect(result.file.error?.message).toMatch(/truncated or damaged/);
    }
  });

  it("leaves no file behind for refused uploads", async () => {
    const stored = (await import("node:fs")).existsSync(join(dataDir, "images", ".tmp"))
      ? readdirSync(join(dataDir, "images", ".tmp"))
      : [];
    expect(stored).toEqual([]);
  });

  it("refuses a small file that declares 20,000 x 20,000 pixels before decoding it", async () => {
    const bomb = samples.makeDeclaredHugePng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100);
    const result = await uploadOne("bomb.png", bomb);
    expect(result.status).toBe(422);
    expect(result.file.error?.message).toBe(
      "The image is 20000 x 20000 pixels (400.0 megapixels); the limit is 64 megapixels.",
    );
  });

  it("refuses a file over the byte limit with 413", async () => {
    const big = Buffer.concat([await samples.makePng(), Buffer.alloc(3 * 1024 * 1024)]);
    const result = await uploadOne("big.png", big);
    expect(result.status).toBe(413);
    expect(result.file.error?.message).toBe("This file is larger than 2 MB, the most an image may be.");
  });

  it("answers a request without a file with 400", async () => {
    const form = new FormData();
    form.append("note", "no file here");
    const response = await callRoute(imagesRoute, "POST", "/api/images", { body: form, sessionToken: tokens.owner });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/holds no file/);
    const notMultipart = await callRoute(imagesRoute, "POST", "/api/images", {
      body: { not: "multipart" },
      sessionToken: tokens.owner,
    });
    expect(notMultipart.status).toBe(400);
  });
});

describe("accepted uploads, normalised", () => {
  it("keeps the first frame of an animated GIF", async () => {
    const { status, file } = await uploadOne("moving.gif", await samples.makeAnimatedGif());
    expect(status).toBe(201);
    expect(file.image).toMatchObject({ format: "gif", width: 32, height: 32 });
    const normalized = await sharp(await bytesOf(await fetchVariant(file.image!.id, "normalized"))).metadata();
    expect(normalized.pages ?? 1).toBe(1);
  });

  it("converts CMYK and 16-bit images to 8-bit sRGB, and flattens alpha onto white", async () => {
    for (const [name, bytes] of [
      ["cmyk.jpg", await samples.makeCmykJpeg()],
      ["deep.png", await samples.makeSixteenBitPng()],
      ["clear.png", await samples.makeTransparentPng()],
    ] as const) {
      const { status, file } = await uploadOne(name, bytes);
      expect(status, name).toBe(201);
      const normalized = await bytesOf(await fetchVariant(file.image!.id, "normalized"));
      const metadata = await sharp(normalized).metadata();
      expect([metadata.space, metadata.depth, metadata.channels, metadata.hasAlpha], name).toEqual([
        "srgb",
        "uchar",
        3,
        false,
      ]);
      if (name === "clear.png")
        expect((await sharp(normalized).stats()).channels.map((channel) => Math.round(channel.mean))).toEqual([
          255, 255, 255,
        ]);
    }
  });

  it("stores an EXIF-rotated JPEG upright", async () => {
    const { file } = await uploadOne("sideways.jpg", await samples.makeRotatedJpeg());
    expect(file.image).toMatchObject({ width: 100, height: 200 });
    const normalized = await sharp(await bytesOf(await fetchVariant(file.image!.id, "normalized"))).metadata();
    expect([normalized.width, normalized.height, normalized.orientation]).toEqual([100, 200, undefined]);
  });

  it("strips GPS and every other metadata from the copies, and gives the original to its owner alone", async () => {
    const original = await samples.makeGpsJpeg();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { file } = await uploadOne("holiday.jpg", original);
    for (const variant of ["normalized", "thumb"]) {
      for (const viewer of ["owner", "admin"]) {
        const served = await bytesOf(await fetchVariant(file.image!.id, variant, viewer));
        expect((await sharp(served).metadata()).exif, `${variant} for ${viewer}`).toBeUndefined();
        expect(served.includes(Buffer.from("Secret Model")), `${variant} for ${viewer}`).toBe(false);
      }
    }
    expect(await bytesOf(await fetchVariant(file.image!.id, "original"))).toEqual(original);
    expect((await fetchVariant(file.image!.id, "original", "admin")).status).toBe(404);
  });

  it("caps the normalised copy at 2048 pixels and accepts WebP and AVIF", async () => {
    const wide = await uploadOne("wide.png", await samples.makePng(3000, 1000));
    const normalized = await sharp(await bytesOf(await fetchVariant(wide.file.image!.id, "normalized"))).metadata();
    expect([normalized.width, normalized.height]).toEqual([2048, 683]);
    const webp = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#123456" } })
      .webp()
      .toBuffer();
    const avif = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#654321" } })
      .avif()
      .toBuffer();
    expect((await uploadOne("pic.webp", webp)).file.image).toMatchObject({ format: "webp", width: 30, height: 20 });
    expect((await uploadOne("pic.avif", avif)).file.image).toMatchObject({ format: "avif", width: 30, height: 20 });
  });

  it("accepts a 1 x 100,000 PNG", async () => {
    const { status, file } = await uploadOne("line.png", await samples.makePng(1, 100_000));
    expect(status).toBe(201);
    expect(file.image).toMatchObject({ width: 1, height: 100_000 });
    const normalized = await sharp(await bytesOf(await fetchVariant(file.image!.id, "normalized"))).metadata();
    expect([normalized.width, normalized.height]).toEqual([1, 2048]);
  });

  it("keeps a file name for display only, cleaned of folders", async () => {
    const { file } = await uploadOne('../../etc/"quoted" 🎨 name.png', await samples.makePng(10, 10));
    expect(file.image).toBeDefined();
    expect(file.name).toBe('"quoted" 🎨 name.png');
  });

  it("serves a polyglot as an image that a browser will not run", async () => {
    const { status, file } = await uploadOne("innocent.gif", await samples.makePolyglot());
    expect(status).toBe(201);
    const original = await fetchVariant(file.image!.id, "original");
    expect(original.headers.get("content-type")).toBe("image/gif");
    expect(original.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("returns the existing image when the same bytes come again, and takes 50 files at once", async () => {
    const jpeg = await samples.makeJpeg(50, 50, { seed: 7 });
    const first = await uploadOne("a.jpg", jpeg);
    const again = await uploadOne("a-copy.jpg", jpeg);
    expect(again.status).toBe(201);
    expect(again.file.image).toMatchObject({ id: first.file.image!.id, isDuplicate: true });

    const batch = await Promise.all(Array.from({ length: 50 }, (_, index) => samples.makeJpeg(30 + index, 20)));
    const { status, body } = await upload(batch.map((bytes, index) => ({ name: `batch-${index}.jpg`, bytes })));
    expect(status).toBe(201);
    expect(body.files.filter((result) => result.image)).toHaveLength(50);
    expect(new Set(body.files.map((result) => result.image!.id)).size).toBe(50);
  });

  it("reports each file of a mixed batch on its own", async () => {
    const { status, body } = await upload([
      { name: "good.png", bytes: await samples.makePng(12, 12) },
      { name: "bad.svg", bytes: samples.svgWithScript },
    ]);
    expect(status).toBe(201);
    expect(body.files.map((result) => [result.name, result.image ? "image" : result.error!.code])).toEqual([
      ["good.png", "image"],
      ["bad.svg", "unsupported_media_type"],
    ]);
  });
});

describe("serving", () => {
  it("gives the owner and admins the files with caching headers, and nobody else", async () => {
    const { file } = await uploadOne("served.png", await samples.makePng(400, 300));
    const thumb = await fetchVariant(file.image!.id, "thumb");
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(thumb.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(thumb.headers.get("etag")).toBe(`"${file.image!.sha256}-thumb"`);
    const thumbMetadata = await sharp(await bytesOf(thumb)).metadata();
    expect(Math.max(thumbMetadata.width!, thumbMetadata.height!)).toBe(320);

    const revalidated = await callRoute(fileRoute, "GET", `/api/images/${file.image!.id}/thumb`, {
      params: { id: file.image!.id, variant: "thumb" },
      sessionToken: tokens.owner,
      headers: { "if-none-match": `"${file.image!.sha256}-thumb"` },
    });
    expect(revalidated.status).toBe(304);
    expect((await fetchVariant(file.image!.id, "thumb", "other")).status).toBe(404);
    expect((await fetchVariant(file.image!.id, "thumb", "admin")).status).toBe(200);
    expect((await fetchVariant(file.image!.id, "poster")).status).toBe(404);
  });

  it("lists a person's own images, newest first, page by page", async () => {
    const list = async (query: string, as = "owner") =>
      (await (await callRoute(imagesRoute, "GET", `/api/images${query}`, { sessionToken: tokens[as] })).json()) as {
        images: { id: string }[];
        total: number;
      };
    const all = await list("?limit=500");
    expect(all.images.length).toBe(all.total);
    const firstPage = await list("?limit=5");
    const secondPage = await list(`?limit=5&after=${firstPage.images.at(-1)!.id}`);
    expect([...firstPage.images, ...secondPage.images].map((image) => image.id)).toEqual(
      all.images.slice(0, 10).map((image) => image.id),
    );
    expect((await list("", "other")).total).toBe(0);
  });
});

describe("the store's sweep", () => {
  it("removes unfinished uploads and images no row refers to, once they are old", async () => {
    const tmpFolder = join(dataDir, "images", ".tmp");
    mkdirSync(tmpFolder, { recursive: true });
    writeFileSync(join(tmpFolder, "left-by-a-crash"), "partial");
    const stray = "f".repeat(64);
    mkdirSync(join(dataDir, "images", "ff", stray), { recursive: true });
    writeFileSync(join(dataDir, "images", "ff", stray, "original"), "orphan");
    const longAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(tmpFolder, "left-by-a-crash"), longAgo, longAgo);
    utimesSync(join(dataDir, "images", "ff", stray), longAgo, longAgo);

    const swept = await sweepImageStore(database);
    expect(swept).toEqual({ temporary: 1, images: 1 });
    expect(readdirSync(join(dataDir, "images", "ff"))).not.toContain(stray);
    const { file } = await uploadOne("still-here.png", await samples.makePng(9, 9));
    expect((await fetchVariant(file.image!.id, "original")).status).toBe(200);
  });
});
