import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { cleanFileName } from "./clean-file-name";
import { allowedText } from "./inspect-image";

/**
 * Streams a multipart upload to temporary files, hashing as it goes: no
 * upload is ever held in memory whole. A file over the byte limit is cut off
 * and reported; the others carry on.
 */

export type ReceivedFile =
  { name: string; path: string; bytes: number; sha256: string } | { name: string; error: AppError };

export async function receiveFiles(
  request: Request,
  options: { maxBytes: number; maxFiles: number; temporaryPath: () => Promise<string> },
): Promise<ReceivedFile[]> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw new AppError(
      "bad_request",
      'Send the images as multipart/form-data: one or more files in the field "files".',
    );
  }
  let parser: busboy.Busboy;
  try {
    // File names are UTF-8 in every current browser, not the latin1 of old RFCs.
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { fileSize: options.maxBytes, files: options.maxFiles },
    });
  } catch (error) {
    // busboy's own words stay in the cause, for the log.
    throw new AppError(
      "bad_request",
      "The upload is not a readable multipart form. Send the images as multipart/form-data.",
      { cause: error },
    );
  }
  const received: Promise<ReceivedFile>[] = [];
  // Every temporary file this request made, so a failure anywhere removes them all.
  const temporaryPaths: string[] = [];
  const removeAll = () => Promise.all(temporaryPaths.map((path) => rm(path, { force: true })));
  let tooManyFiles = false;

  parser.on("file", (_field, stream, info) => {
    const name = cleanFileName(info.filename);
    received.push(
      (async (): Promise<ReceivedFile> => {
        const path = await options.temporaryPath();
        temporaryPaths.push(path);
        const hash = createHash("sha256");
        let bytes = 0;
        const measure = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done(null, chunk);
          },
        });
        try {
          await pipeline(stream, measure, createWriteStream(path));
        } catch (error) {
          await rm(path, { force: true });
          return {
            name,
            error: new AppError("internal", `The file could not be received: ${(error as Error).message}`, {
              cause: error,
            }),
          };
        }
        if ((stream as { truncated?: boolean }).truncated) {
          await rm(path, { force: true });
          const limit = `${Math.round(options.maxBytes / (1024 * 1024))} MB`;
          return {
            name,
            error: new AppError("payload_too_large", `This file is larger than ${limit}, the most an image may be.`),
          };
        }
        if (bytes === 0) {
          await rm(path, { force: true });
          return { name, error: new AppError("unprocessable", `This file is empty. Upload a ${allowedText} file.`) };
        }
        return { name, path, bytes, sha256: hash.digest("hex") };
      })(),
    );
  });
  parser.on("filesLimit", () => {
    tooManyFiles = true;
  });

  try {
    await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>), parser);
  } catch (error) {
    await Promise.allSettled(received);
    await removeAll();
    throw new AppError("bad_request", "The upload was cut off or malformed. Try again.", { cause: error });
  }
  const files = await Promise.all(received);
  if (tooManyFiles) {
    await removeAll();
    throw new AppError("payload_too_large", `At most ${options.maxFiles} files can be uploaded at once.`);
  }
  if (files.length === 0) throw new AppError("bad_request", "The request holds no file. Attach one or more images.");
  return files;
}
