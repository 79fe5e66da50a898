/**
 * What exporting a large annotation queue costs the server: peak resident
 * memory of the serving process (and its children) while a client downloads
 * `GET /api/annotation/queues/:id/export?format=sharegpt` over loopback, for
 * a queue of 2,000 accepted items against one of 200, side by side in one
 * run. Goal: the large one's peak within 1.2x of the small one's, i.e. memory
 * that does not grow with the queue.
 *
 * Each item has two preferred, two non-preferred and two candidate pictures,
 * drawn from a pool that grows with the queue (300 distinct noise JPEGs of
 * ~165 KB for 2,000 items, 30 for 200), so the zip grows with the queue as a
 * real one does. The data lives on a throwaway PostgreSQL server and in one
 * data folder; each export is served by a fresh process that runs the app's
 * route handler behind node:http (this file with `--serve`), the response
 * body piped to the socket as Next pipes it, with backpressure. With
 * `--studio` the real app serves instead (`npm start`'s launcher and
 * `next start`; it builds first when the build is missing or stale).
 *
 *   node --import tsx --conditions=react-server bench/limits-exports.ts [--items=2000] [--small=200] [--studio]
 *
 * Not a test: it prints figures.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pathToFileURL } from "node:url";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { createSession } from "@/lib/db/sessions";
import { createUser, updateUser } from "@/lib/db/users";
import { FolderImageStore } from "@/lib/images/image-store";
import { startStudio } from "@/e2e/support/studio-process";
import { findFreePort, startPostgresServer } from "@/test/postgres-server";
import { seedAcceptedQueue, seedPictures } from "@/test/seed-accepted-queue";
import { treeRssMb } from "./process-memory";

/** One line of the table: what was exported, the zip, how long, and the server's memory. */
export type Row = string[];
export const exportMemoryHeader = [
  "export",
  "zip",
  "download",
  "server RSS before",
  "peak during",
  "growth",
  "peak vs. smallest",
];

const option = (name: string, fallback: number) =>
  Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const launcher = ["--import", "tsx", "--conditions=react-server"];
const pictureSide = 448;

/** Downloads a URL to nowhere, reading as fast as loopback allows; its status and size. */
function download(url: string, sessionToken: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolveDownload, reject) => {
    const request = httpGet(url, { headers: { cookie: `studio_session=${sessionToken}` } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolveDownload({ status: response.statusCode ?? 0, bytes }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

type Server = { url: string; pid: number; stop(): Promise<void> };

/** This file with `--serve`: the export route behind node:http, in a process of its own, on the seeded database. */
async function startHandlerServer(env: Record<string, string>): Promise<Server> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, [...launcher, "bench/limits-exports.ts", "--serve"], {
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port), DEMO_DATA: "off" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((ready, failed) => {
    child.once("message", () => ready());
    child.once("exit", (code) => failed(new Error(`the export server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise((stopped) => {
        child.once("exit", () => stopped());
        child.kill("SIGTERM");
      }),
  };
}

/** The real app, as `npm start` runs it. */
async function startStudioServer(env: Record<string, string>): Promise<Server> {
  const studio = await startStudio(env);
  return { url: studio.url, pid: studio.pid, stop: async () => void (await studio.stop()) };
}

/** The `--serve` side: answers the export route as Next would, body piped to the socket with backpressure. */
async function serveExports(): Promise<void> {
  const { GET } = await import("@/app/api/annotation/queues/[id]/export/route");
  const { closeDatabase, getDatabase } = await import("@/lib/db/client");
  await getDatabase();
  const server = createServer(async (incoming, outgoing) => {
    const id = /^\/api\/annotation\/queues\/([^/]+)\/export/.exec(incoming.url ?? "")?.[1];
    if (!id) return void outgoing.writeHead(404).end();
    const aborted = new AbortController();
    // As Next does: a close before the answer was finished means the client went away.
    outgoing.on("close", () => outgoing.writableFinished || aborted.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    try {
      const response = await GET(
        new Request(`http://${incoming.headers.host}${incoming.url}`, { headers, signal: aborted.signal }),
        { params: Promise.resolve({ id }) },
      );
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void outgoing.end();
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).pipe(outgoing);
    } catch (error) {
      console.error(error);
      outgoing.writeHead(500).end();
    }
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
  process.once("SIGTERM", () => server.close(() => void closeDatabase().then(() => process.exit(0))));
}

/** Seeds a queue of `items` accepted items over `pictures` fresh pictures; its id. */
async function seedQueue(
  database: Database,
  store: FolderImageStore,
  ownerId: string,
  items: number,
  pictures: number,
): Promise<string> {
  const pictureIds = await seedPictures(database, store, ownerId, pictures, pictureSide);
  return seedAcceptedQueue(database, { ownerId, annotatorId: ownerId, pictureIds, items, name: `${items} accepted` });
}

/**
 * Peak RSS of a fresh server while it sends each queue's ShareGPT zip, the
 * smallest first; one row each. The figures are printed by the caller.
 */
export async function measureExportMemory(): Promise<Row[]> {
  const largeItems = option("items", 2000);
  const smallItems = option("small", 200);
  const useStudio = process.argv.includes("--studio");
  const root = mkdtempSync(join(tmpdir(), "bench-exports-"));
  const dataDir = join(root, "data");
  const postgres = await startPostgresServer();
  try {
    const database = await openDatabase({ databaseUrl: postgres.url(), dataDir });
    let session: string;
    const queues: { items: number; pictures: number; id: string }[] = [];
    let warmUpId: string;
    try {
      const owner = (await createUser(database, "exports@example.com", "not-a-real-hash"))!;
      await updateUser(database, owner.id, { roles: ["researcher", "annotator"] });
      session = (await createSession(database, owner.id)).token;
      const store = new FolderImageStore(resolve(dataDir, "images"));
      warmUpId = await seedQueue(database, store, owner.id, 5, 5);
      for (const items of [smallItems, largeItems]) {
        const pictures = Math.max(6, Math.round(items * 0.15));
        queues.push({ items, pictures, id: await seedQueue(database, store, owner.id, items, pictures) });
      }
    } finally {
      await database.close();
    }
    const env = { DATABASE_URL: postgres.url(), DATA_DIR: dataDir };
    const rows: Row[] = [];
    let smallestPeak = 0;
    for (const queue of queues) {
      // A fresh process for each, so one export's peak is not carried into the next.
      const server: Server = useStudio ? await startStudioServer(env) : await startHandlerServer(env);
      try {
        const exportUrl = (id: string) => `${server.url}/api/annotation/queues/${id}/export?format=sharegpt`;
        // Loads and compiles the route's code first, as a server that has been up a while has.
        const warm = await download(exportUrl(warmUpId), session);
        if (warm.status !== 200) throw new Error(`the warm-up export answered ${warm.status}`);
        await new Promise((settle) => setTimeout(settle, 1000));
        const before = treeRssMb(server.pid);
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb(server.pid))), 20);
        const started = performance.now();
        const answer = await download(exportUrl(queue.id), session);
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        peak = Math.max(peak, treeRssMb(server.pid));
        if (answer.status !== 200) throw new Error(`the export answered ${answer.status}`);
        smallestPeak ||= peak;
        rows.push([
          `ShareGPT zip, ${queue.items.toLocaleString("en")} items (${queue.pictures} distinct pictures)`,
          `${(answer.bytes / 2 ** 20).toFixed(1)} MB`,
          `${seconds.toFixed(1)} s`,
          `${before.toFixed(0)} MB`,
          `${peak.toFixed(0)} MB`,
          `${(peak - before).toFixed(0)} MB`,
          `${(peak / smallestPeak).toFixed(2)}x`,
        ]);
      } finally {
        await server.stop();
      }
    }
    return rows;
  } finally {
    postgres.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain && process.argv.includes("--serve")) {
  await serveExports();
} else if (isMain) {
  console.log(
    "Peak RSS of the serving process while a client downloads a queue's ShareGPT zip over loopback (sampled every 20 ms), a fresh process per export.",
  );
  const rows = await measureExportMemory();
  console.log(`| ${exportMemoryHeader.join(" | ")} |\n|${exportMemoryHeader.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}
