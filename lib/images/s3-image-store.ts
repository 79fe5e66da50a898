import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { ImageStoreConfig } from "@/lib/config";
import { type ByteRange, fileNames, type ImageStore, type ImageVariant, isSha256 } from "./image-store";

type S3Settings = Extract<ImageStoreConfig, { kind: "s3" }>;

const contentTypes: Record<ImageVariant, string> = {
  original: "application/octet-stream",
  normalized: "image/jpeg",
  thumb: "image/webp",
};

/**
 * The image store in an S3-compatible bucket: `<prefix>ab/abcdef…/{original,
 * normalized.jpg,thumb.webp}`, the same layout as the folder store. Each
 * object appears whole (S3 writes are atomic per object) and the original is
 * written last, so its presence marks the image complete. Uploads are spooled
 * to a local folder first (they are hashed and decoded from there), which is
 * why the store keeps one; nothing else of it is local, so instances need no
 * shared folder.
 */
export class S3ImageStore implements ImageStore {
  private readonly client: S3Client;
  private readonly temporaryDir: string;

  constructor(
    private readonly settings: S3Settings,
    localRoot: string,
    client?: S3Client,
  ) {
    this.client = client ?? createS3Client(settings);
    this.temporaryDir = join(/* turbopackIgnore: true */ localRoot, ".tmp");
  }

  private keyOf(sha256: string, variant: ImageVariant): string {
    if (!isSha256(sha256)) throw new Error(`Not a sha256: ${sha256}`);
    return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256}/${fileNames[variant]}`;
  }

  async temporaryPath(): Promise<string> {
    await mkdir(this.temporaryDir, { recursive: true });
    return join(this.temporaryDir, randomUUID());
  }

  async put(sha256: string, files: { originalPath: string; normalized: Buffer; thumbnail: Buffer }): Promise<void> {
    const Bucket = this.settings.bucket;
    await Promise.all([
      this.client.send(
        new PutObjectCommand({
          Bucket,
          Key: this.keyOf(sha256, "normalized"),
          Body: files.normalized,
          ContentType: contentTypes.normalized,
        }),
      ),
      this.client.send(
        new PutObjectCommand({
          Bucket,
          Key: this.keyOf(sha256, "thumb"),
          Body: files.thumbnail,
          ContentType: contentTypes.thumb,
        }),
      ),
    ]);
    // The original goes last, streamed from the spool file (in parts when it is large): its presence marks the image complete.
    await new Upload({
      client: this.client,
      params: {
        Bucket,
        Key: this.keyOf(sha256, "original"),
        Body: createReadStream(/* turbopackIgnore: true */ files.originalPath),
        ContentType: contentTypes.original,
      },
    }).done();
    await rm(/* turbopackIgnore: true */ files.originalPath, { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256, "original")) !== null;
  }

  async read(
    sha256: string,
    variant: ImageVariant,
    range?: ByteRange,
  ): Promise<{ stream: Readable; bytes: number } | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.keyOf(sha256, variant),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      if (!object.Body) return null;
      return { stream: object.Body as Readable, bytes: object.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async readBytes(sha256: string, variant: ImageVariant): Promise<Buffer | null> {
    const file = await this.read(sha256, variant);
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async size(sha256: string, variant: ImageVariant): Promise<number | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256, variant) }),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Every hash with an object under the prefix, complete or not (a crash may leave part of an image), dated by its newest object. */
  async list(): Promise<{ sha256: string; modifiedAt: Date }[]> {
    const newest = new Map<string, number>();
    const keyPattern = /^([0-9a-f]{2})\/([0-9a-f]{64})\/[^/]+$/;
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.settings.bucket, Prefix: this.settings.prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const match = keyPattern.exec((object.Key ?? "").slice(this.settings.prefix.length));
        if (!match || match[1] !== match[2]!.slice(0, 2)) continue;
        const time = object.LastModified?.getTime() ?? 0;
        newest.set(match[2]!, Math.max(time, newest.get(match[2]!) ?? 0));
      }
    }
    return [...newest].map(([sha256, time]) => ({ sha256, modifiedAt: new Date(time) }));
  }

  async remove(sha256: string): Promise<void> {
    const result = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.settings.bucket,
        Delete: {
          // The original first in the list, though one request removes all three: a half-removed image reads as incomplete.
          Objects: (["original", "normalized", "thumb"] as const).map((variant) => ({
            Key: this.keyOf(sha256, variant),
          })),
          Quiet: true,
        },
      }),
    );
    const failed = result.Errors ?? [];
    if (failed.length > 0)
      throw new Error(`Could not remove ${failed.map((error) => `${error.Key}: ${error.Message}`).join("; ")}`);
  }

  async sweepTemporary(olderThanMs: number): Promise<number> {
    const names = await readdir(/* turbopackIgnore: true */ this.temporaryDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(/* turbopackIgnore: true */ this.temporaryDir, name);
      const info = await stat(/* turbopackIgnore: true */ path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(/* turbopackIgnore: true */ path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/**
 * A client with the SDK's standard settings (credentials, AWS_REGION, and
 * AWS_ENDPOINT_URL for S3-compatible services), plus path-style addressing
 * when asked. Against a custom endpoint, checksums are sent only where the
 * S3 API requires them (unless AWS_REQUEST_CHECKSUM_CALCULATION says
 * otherwise): many S3-compatible servers refuse the newer default ones.
 */
export function createS3Client(settings: S3Settings): S3Client {
  const custom = Boolean(settings.endpoint);
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    ...(custom && !process.env.AWS_REQUEST_CHECKSUM_CALCULATION ? { requestChecksumCalculation: "WHEN_REQUIRED" } : {}),
    ...(custom && !process.env.AWS_RESPONSE_CHECKSUM_VALIDATION ? { responseChecksumValidation: "WHEN_REQUIRED" } : {}),
  });
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey" || error.name === "NotFound";
}
