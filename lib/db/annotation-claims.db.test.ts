import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNextItem, submitAnnotation } from "@/lib/db/annotation-claims";
import { createAnnotationQueue, type NewAnnotationItem } from "@/lib/db/annotation-queues";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { createUser } from "@/lib/db/users";
import { createTestDatabase } from "@/test/test-databases";

/**
 * Twenty annotators take work from one queue at once: every item must end
 * with exactly the annotations it needs, each by a different person, none
 * lost and none twice, also when people walk away and their leases run out.
 */

const longLeaseMs = 60_000;
const shortLeaseMs = 80;

const item = (index: number): NewAnnotationItem => ({
  evaluationResultId: null,
  assessmentId: null,
  model: "preferthinker-7b",
  output: `<answer>Image A</answer> ${index}`,
  label: "Image A",
  preferredImageIds: [],
  nonPreferredImageIds: [],
  candidateImageIds: [],
  precheckCodes: [],
});

/** A small deterministic generator, so a failing interleaving can be replayed. */
function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe.each(["embedded", "postgres"] as const)("claiming annotation work on the %s database", (kind) => {
  let database: Database;
  let annotators: string[];

  beforeAll(async () => {
    const target = await createTestDatabase(kind);
    database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    annotators = [];
    for (let index = 0; index < 25; index++)
      annotators.push((await createUser(database, `annotator-${index}@example.com`, "not-a-real-hash"))!.id);
  });
  afterAll(async () => {
    await database.close();
  });

  it("20 annotators on 100 items needing 2 each: every item annotated exactly twice by two people, with leases expiring mid-way", async () => {
    const owner = annotators[0]!;
    const queue = await createAnnotationQueue(
      database,
      { ownerId: owner, name: "race", filter: {}, requiredAnnotations: 2, annotatorIds: [] },
      Array.from({ length: 100 }, (_, index) => item(index)),
    );
    const refusedSteadySubmits: string[] = [];
    let leaverRefusals = 0;

    // Five people claim an item under a short lease and walk away; four of them come back too late.
    const leaver = async (annotatorId: string, index: number) => {
      await sleep(index * 15);
      const claim = await claimNextItem(database, queue.id, annotatorId, shortLeaseMs);
      if (!claim) return;
      await sleep(index === 0 ? 0 : 600);
      const stored = await submitAnnotation(database, claim.itemId, annotatorId, { verdict: "gold", body: {} });
      if (!stored) leaverRefusals++;
    };

    const steady = async (annotatorId: string, seed: number) => {
      const random = randomFrom(seed);
      for (;;) {
        const claim = await claimNextItem(database, queue.id, annotatorId, longLeaseMs);
        if (!claim) {
          const open = await database.prisma.annotationSlot.count({ where: { queueId: queue.id, submittedAt: null } });
          if (open === 0) return;
          // Someone else holds the rest; a lease may yet run out.
          await sleep(40);
          continue;
        }
        if (random() < 0.5) await sleep(Math.floor(random() * 4));
        const stored = await submitAnnotation(database, claim.itemId, annotatorId, {
          verdict: random() < 0.8 ? "gold" : "rejected",
          body: {},
        });
        if (!stored) refusedSteadySubmits.push(`${annotatorId} lost ${claim.itemId}`);
      }
    };

    const leavers = annotators.slice(20, 25);
    await Promise.all([
      ...annotators.slice(0, 20).map((id, index) => steady(id, index + 1)),
      ...leavers.map((id, index) => leaver(id, index)),
    ]);

    // A steady annotator's claim was never handed to anyone else meanwhile.
    expect(refusedSteadySubmits).toEqual([]);
    const annotations = await database.prisma.annotation.findMany({
      where: { item: { queueId: queue.id } },
      select: { itemId: true, annotatorId: true },
    });
    expect(annotations).toHaveLength(200);
    const byItem = new Map<string, typeof annotations>();
    for (const annotation of annotations)
      byItem.set(annotation.itemId, [...(byItem.get(annotation.itemId) ?? []), annotation]);
    expect(byItem.size).toBe(100);
    for (const [, rows] of byItem) {
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((row) => row.annotatorId)).size).toBe(2);
    }
    expect(
      await database.prisma.annotationSlot.count({
        where: { queueId: queue.id, OR: [{ submittedAt: null }, { isOpen: true }] },
      }),
    ).toBe(0);
    // The leavers who came back late found their item taken over.
    expect(leaverRefusals).toBeGreaterThan(0);
  });

  it("gives a person their held item again rather than a second one, and never an item they annotated", async () => {
    const [owner, first, second] = annotators as [string, string, string];
    // Statistics of the previous test's slots once led the planner to a claim that found nothing.
    await database.prisma.$executeRaw`ANALYZE annotation_slot`;
    const queue = await createAnnotationQueue(
      database,
      { ownerId: owner, name: "resume", filter: {}, requiredAnnotations: 2, annotatorIds: [] },
      [item(0), item(1)],
    );
    const claim = await claimNextItem(database, queue.id, first, longLeaseMs);
    const again = await claimNextItem(database, queue.id, first, longLeaseMs);
    expect(again?.slotId).toBe(claim?.slotId);
    await submitAnnotation(database, claim!.itemId, first, { verdict: "gold", body: {} });
    const next = await claimNextItem(database, queue.id, first, longLeaseMs);
    expect(next?.itemId).not.toBe(claim!.itemId);
    await submitAnnotation(database, next!.itemId, first, { verdict: "gold", body: {} });
    expect(await claimNextItem(database, queue.id, first, longLeaseMs)).toBeNull();
    expect((await claimNextItem(database, queue.id, second, longLeaseMs))?.itemId).toBe(claim!.itemId);
  });

  it("passes a failed claim on instead of answering that nothing is left", async () => {
    // A cast the database refuses stands for any failure that is not a race on the same item.
    await expect(claimNextItem(database, "not-a-queue-id", annotators[1]!, longLeaseMs)).rejects.toThrow();
  });

  it("returns an item whose lease ran out to the pool, and refuses the late submit", async () => {
    const [owner, first, second] = annotators as [string, string, string];
    const queue = await createAnnotationQueue(
      database,
      { ownerId: owner, name: "lease", filter: {}, requiredAnnotations: 1, annotatorIds: [] },
      [item(0)],
    );
    const claim = await claimNextItem(database, queue.id, first, 30);
    expect(await claimNextItem(database, queue.id, second, longLeaseMs)).toBeNull();
    await sleep(60);
    const taken = await claimNextItem(database, queue.id, second, longLeaseMs);
    expect(taken?.itemId).toBe(claim!.itemId);
    expect(await submitAnnotation(database, claim!.itemId, first, { verdict: "gold", body: {} })).toBeNull();
    expect(await submitAnnotation(database, claim!.itemId, second, { verdict: "gold", body: {} })).not.toBeNull();
  });
});
