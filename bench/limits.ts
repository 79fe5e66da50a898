/**
 * What a stranger's oversized request costs the server, measured on a real
 * server process over loopback: its resident memory (the launcher, the Next
 * server and their children) before and after a 300 MB body to
 * `POST /api/auth/sign-in`, declared with Content-Length and streamed without
 * one, side by side with a small sign-in; the time until the 413; and whether
 * the server still answers its health check. Then, in the same run: the
 * peak memory of exporting a 2,000-item accepted annotation queue as
 * ShareGPT against a 200-item one (bench/limits-exports.ts; goal within
 * 1.2x), and how long a person's assessment waits while three runs of 32
 * lanes execute on the same endpoint (bench/limits-capacity.ts; goal under
 * one model latency).
 *
 *   node --import tsx --conditions=react-server bench/limits.ts [--megabytes=300] [--items=2000] [--small=200] [--latency-ms=1000]
 *
 * Not a test: it prints figures (docs/security.md keeps them).
 */
import { request as httpRequest } from "node:http";
import { startStudio } from "@/e2e/support/studio-process";
import { interactiveWaitHeader, measureInteractiveWait } from "./limits-capacity";
import { exportMemoryHeader, measureExportMemory } from "./limits-exports";
import { treeRssMb } from "./process-memory";

const megabytes = Number(process.argv.find((arg) => arg.startsWith("--megabytes="))?.split("=")[1] ?? 300);

/** Sends `bytes` of filler as a sign-in body and resolves when the answer is in, with how much had been written by then. */
function post(
  url: string,
  bytes: number,
  declareLength: boolean,
): Promise<{ status: number; ms: number; sentMb: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(2 ** 20, 0x20);
    let sent = 0;
    let answered = false;
    const request = httpRequest(new URL("/api/auth/sign-in", url), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: url,
        ...(declareLength ? { "Content-Length": String(bytes) } : {}),
      },
    });
    request.on("response", (response) => {
      answered = true;
      response.resume();
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, sentMb: sent / 2 ** 20 });
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < bytes) {
        const piece = bytes - sent < chunk.length ? chunk.subarray(0, bytes - sent) : chunk;
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

const studio = await startStudio();
try {
  await fetch(`${studio.url}/api/health`);
  await settle();
  const rows: string[][] = [];
  const measure = async (label: string, bytes: number, declareLength: boolean) => {
    const before = treeRssMb(studio.pid);
    const answer = await post(studio.url, bytes, declareLength);
    await settle();
    const after = treeRssMb(studio.pid);
    const health = await fetch(`${studio.url}/api/health`);
    rows.push([
      label,
      String(answer.status),
      `${answer.ms.toFixed(0)} ms`,
      `${answer.sentMb.toFixed(0)} MB`,
      `${before.toFixed(0)} MB`,
      `${after.toFixed(0)} MB`,
      `${(after - before).toFixed(1)} MB`,
      String(health.status),
    ]);
  };
  await measure("1 KB of spaces (read whole, then not JSON)", 1024, true);
  await measure(`${megabytes} MB, Content-Length declared`, megabytes * 2 ** 20, true);
  await measure(`${megabytes} MB, streamed without a length`, megabytes * 2 ** 20, false);
  printTable(
    "Oversized bodies to POST /api/auth/sign-in",
    ["request", "status", "answer after", "client had written", "server RSS before", "after", "growth", "health after"],
    rows,
  );
} finally {
  await studio.stop();
}
printTable(
  "Exporting an accepted annotation queue as ShareGPT (goal: the larger within 1.2x of the smaller)",
  exportMemoryHeader,
  await measureExportMemory(),
);
printTable(
  "A person's assessment while three runs of 32 lanes execute (goal: admission under one model latency)",
  interactiveWaitHeader,
  await measureInteractiveWait(),
);

function printTable(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}\n\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}
