/**
 * Image intake and serving on the real server (`npm start`'s launcher, a
 * fresh data folder, loopback only):
 * - upload-and-normalise throughput for 12-megapixel JPEGs, 20 sent at once;
 * - the server's peak resident memory while 5 and while 20 are uploaded at
 *   once (it should follow IMAGE_CONCURRENCY, not the batch size);
 * - thumbnail requests per second (16 concurrent clients, 5 seconds).
 *
 *   node --import tsx bench/images.ts
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { findFreePort } from "../test/postgres-server";

const dataDir = mkdtempSync(join(tmpdir(), "studio-bench-images-"));
const port = await findFreePort();
const base = `http://127.0.0.1:${port}`;

function startServer(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
}

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (
      await fetch(`${base}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start");
}

const serverPid = () => JSON.parse(readFileSync(join(dataDir, "db.lock"), "utf8")).pid as number;
const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
/** Linux lets a process's peak-memory mark be reset, so each batch is measured on its own. */
const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, "5");

/** A 4000 x 3000 photo-like JPEG: noise keeps the encoder and decoder honest. */
const makePhoto = () =>
  sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();

type EncodedUpload = { body: Blob; contentType: string };

/** Multipart bodies made before timing: the client shares this machine's two cores with the server. */
async function encodeUploads(photos: Buffer[]): Promise<EncodedUpload[]> {
  return Promise.all(
    photos.map(async (photo, index) => {
      const form = new FormData();
      form.append("files", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), `photo-${index}.jpg`);
      const encoded = new Response(form);
      return { body: await encoded.blob(), contentType: encoded.headers.get("content-type")! };
    }),
  );
}

async function uploadAll(cookie: string, uploads: EncodedUpload[]): Promise<string[]> {
  return Promise.all(
    uploads.map(async (upload) => {
      const response = await fetch(`${base}/api/images`, {
        method: "POST",
        body: upload.body,
        headers: { cookie, origin: base, "content-type": upload.contentType },
      });
      const body = (await response.json()) as { files: { image?: { id: string }; error?: { message: string } }[] };
      if (!body.files[0]?.image) throw new Error(`upload failed: ${JSON.stringify(body)}`);
      return body.files[0].image.id;
    }),
  );
}

async function serveThumbnails(cookie: string, ids: string[], seconds: number, clients: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let served = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let request = client; performance.now() < deadline; request += clients) {
        const response = await fetch(`${base}/api/images/${ids[request % ids.length]}/thumb`, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.ok) served++;
      }
    }),
  );
  return served / seconds;
}

const server = startServer();
try {
  await waitForServer();
  const signUp = await fetch(`${base}/api/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: "bench@example.com", password: "a long and unusual passphrase" }),
  });
  const cookie = /studio_session=[^;]+/.exec(signUp.headers.get("set-cookie") ?? "")![0];
  console.log("making 25 twelve-megapixel JPEGs…");
  const photos = await Promise.all(Array.from({ length: 25 }, makePhoto));
  console.log(`photo size: ${(photos[0]!.length / 1e6).toFixed(1)} MB each`);
  const pid = serverPid();

  const uploads = await encodeUploads(photos);

  resetPeak(pid);
  await uploadAll(cookie, uploads.slice(0, 5));
  const peakFive = peakRssMb(pid);

  resetPeak(pid);
  const started = performance.now();
  const ids = await uploadAll(cookie, uploads.slice(5, 25));
  const seconds = (performance.now() - started) / 1000;
  const peakTwenty = peakRssMb(pid);

  console.log(
    `upload and normalise: ${(20 / seconds).toFixed(2)} images/s (20 at once in ${seconds.toFixed(1)} s; IMAGE_CONCURRENCY ${process.env.IMAGE_CONCURRENCY ?? 2})`,
  );
  console.log(
    `server peak RSS: ${peakFive.toFixed(0)} MB with 5 at once, ${peakTwenty.toFixed(0)} MB with 20 at once (ratio ${(peakTwenty / peakFive).toFixed(2)})`,
  );
  console.log(`thumbnails: ${(await serveThumbnails(cookie, ids, 5, 16)).toFixed(0)} requests/s (16 clients, 5 s)`);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
