/**
 * Claim-next-item latency with many annotators at once, against a
 * throwaway PostgreSQL server (initdb on 127.0.0.1): each annotator claims,
 * submits and claims again until the queue is used up. Two figures: the
 * claim alone (lib/db/annotation-claims.ts), and the whole
 * POST /api/annotation/queues/:id/claims route (sign-in check, claim, item
 * read and parse). Goal: p99 under 50 ms at 20 annotators. With the
 * default `--think-ms=0` every annotator claims again the moment they
 * submit (a saturation test: 20 claims and submits always in flight against
 * the pool of connections); `--think-ms=N` waits N ms between items, as
 * people do. Each figure is printed for every pool size of `--pools`
 * (DATABASE_POOL_SIZE), one after the other in the same run.
 *
 *   node --import tsx --conditions=react-server bench/annotation-claims.ts [--annotators=20] [--items=500] [--required=2] [--think-ms=0] [--pools=10,20]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { annotationLeaseMs } from "@/lib/annotation/annotation-timing";
import { claimNextItem, submitAnnotation } from "@/lib/db/annotation-claims";
import { createAnnotationQueue, type NewAnnotationItem } from "@/lib/db/annotation-queues";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { createSession } from "@/lib/db/sessions";
import { createUser, updateUser } from "@/lib/db/users";
import { startPostgresServer } from "@/test/postgres-server";
import { callRoute, useTestDatabase as answerRoutesFrom } from "@/test/route-harness";

const option = (name: string, fallback: number) =>
  Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const annotatorCount = option("annotators", 20);
const itemCount = option("items", 500);
const required = option("required", 2);
const thinkMs = option("think-ms", 0);
const poolSizes = (process.argv.find((argument) => argument.startsWith("--pools="))?.split("=")[1] ?? "10,20")
  .split(",")
  .map(Number);

const output = `<visual preference profile>\n"Art Styles": "ink",\n"Color": "blue",\n"Artistic Medium": "paper",\n"Saturation": "low",\n"Detail": "fine"\n</visual preference profile>\n\n<visual non-preference profile>\n"Art Styles": "neon",\n"Color": "red",\n"Artistic Medium": "vector",\n"Saturation": "high",\n"Detail": "flat"\n</visual non-preference profile>\n\n<think>\n1. Artistic style:\nImage A(4) - ink;\nImage B(1) - neon\n\n2. Color:\nImage A(4) - blue;\nImage B(1) - red\n\n3. Artistic Medium:\nImage A(4) - paper;\nImage B(1) - vector\n\n4. Saturation:\nImage A(4) - low;\nImage B(1) - high\n\n5. Detail:\nImage A(4) - fine;\nImage B(1) - flat\n\nTotal:\nImage A: total_score=4+4+4+4+4=20\nImage B: total_score=1+1+1+1+1=5\n</think>\n\n<answer>Image A</answer>`;

const item = (): NewAnnotationItem => ({
  evaluationResultId: null,
  assessmentId: null,
  model: "bench",
  output,
  label: "Image A",
  preferredImageIds: [],
  nonPreferredImageIds: [],
  candidateImageIds: [],
  precheckCodes: [],
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function report(label: string, latencies: number[], wallMs: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(40)} claims ${String(sorted.length).padStart(5)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  max ${sorted.at(-1)!.toFixed(1).padStart(6)} ms  ${((sorted.length / wallMs) * 1000).toFixed(0)} claims/s`,
  );
}

/** Every annotator claims and submits until nothing is left; returns each claim's latency. */
async function drain(
  claim: (annotatorIndex: number) => Promise<string | null>,
  submit: (annotatorIndex: number, itemId: string) => Promise<void>,
) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: annotatorCount }, async (_, index) => {
      // People who think between items do not all press "next" in the same millisecond: each starts
      // at a random point of one thinking time. Without thinking time all start at once (saturation).
      if (thinkMs > 0) await sleep(Math.random() * thinkMs);
      for (;;) {
        const before = performance.now();
        const itemId = await claim(index);
        latencies.push(performance.now() - before);
        if (!itemId) return;
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
        await submit(index, itemId);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

const dataDir = mkdtempSync(join(tmpdir(), "bench-annotation-"));
const postgres = await startPostgresServer();
const opened: Database[] = [];
try {
  const setup = await openDatabase({ databaseUrl: postgres.url(), dataDir });
  opened.push(setup);
  const annotators: { id: string; token: string }[] = [];
  for (let index = 0; index < annotatorCount + 1; index++) {
    const user = (await createUser(setup, `bench-${index}@example.com`, "not-a-real-hash"))!;
    await updateUser(setup, user.id, { roles: ["annotator"] });
    annotators.push({ id: user.id, token: (await createSession(setup, user.id)).token });
  }
  const owner = annotators.pop()!;
  console.log(
    `Claim-next-item latency: ${annotatorCount} annotators at once, ${itemCount} items x ${required} annotations, ${thinkMs} ms thinking per item, PostgreSQL ${postgres.url().split("@")[1] ?? ""}, pool sizes ${poolSizes.join(" and ")} side by side (DATABASE_POOL_SIZE).`,
  );

  const body = { verdict: "gold", body: {} };
  const claimsRoute = await import("@/app/api/annotation/queues/[id]/claims/route");
  for (const poolSize of poolSizes) {
    // A pool of this size over the same database, as the app opens it with DATABASE_POOL_SIZE.
    const db = await openDatabase({ databaseUrl: postgres.url(), dataDir, poolSize });
    opened.push(db);
    answerRoutesFrom(db);
    // A running server's pool is warm: open every connection first, so the figures are not those of
    // twenty PostgreSQL backends being forked at once.
    await Promise.all(Array.from({ length: poolSize }, () => db.prisma.$executeRaw`SELECT pg_sleep(0.02)`));
    const submit = async (index: number, itemId: string) =>
      void (await submitAnnotation(db, itemId, annotators[index]!.id, body));
    const claimThroughRoute = (queueId: string) => async (index: number) => {
      const response = await callRoute(claimsRoute, "POST", `/api/annotation/queues/${queueId}/claims`, {
        sessionToken: annotators[index]!.token,
        params: { id: queueId },
      });
      return ((await response.json()) as { item: { id: string } | null }).item?.id ?? null;
    };
    const makeQueue = (name: string, items = itemCount) =>
      createAnnotationQueue(
        db,
        { ownerId: owner.id, name, filter: {}, requiredAnnotations: required, annotatorIds: [] },
        Array.from({ length: items }, item),
      );

    // The first claims of a new process pay for compiling and planning (everyone at once, about five
    // rounds): shown on their own, then the measured queues run warm, as a server does all day.
    const warmUp = await makeQueue(`warm-up, pool ${poolSize}`, 5 * annotatorCount);
    const cold = await drain(claimThroughRoute(warmUp.id), submit);
    report(`pool ${poolSize}: route, first ${cold.latencies.length} (cold)`, cold.latencies, cold.wallMs);

    const direct = await makeQueue(`direct, pool ${poolSize}`);
    const statement = await drain(
      async (index) => (await claimNextItem(db, direct.id, annotators[index]!.id, annotationLeaseMs))?.itemId ?? null,
      submit,
    );
    report(`pool ${poolSize}: claim (one statement)`, statement.latencies, statement.wallMs);

    const viaRoute = await makeQueue(`route, pool ${poolSize}`);
    const routed = await drain(claimThroughRoute(viaRoute.id), submit);
    report(`pool ${poolSize}: POST .../claims (route)`, routed.latencies, routed.wallMs);
  }
} finally {
  await Promise.all(opened.map((database) => database.close()));
  postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
