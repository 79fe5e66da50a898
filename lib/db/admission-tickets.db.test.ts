import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGrants, SharedAdmission } from "@/lib/inference/shared-admission";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { createTestDatabase } from "@/test/test-databases";
import { joinLine, leaveLine, type LineLimits, readLine, tidyLine } from "./admission-tickets";
import { type Database, openDatabase } from "./open-database";

/**
 * A model endpoint's line kept in PostgreSQL for every instance: its limits
 * hold whoever asks, people go before evaluation lanes, a place whose lease
 * ran out gives its slot up, and two instances (two connections pools with
 * names of their own) never hold more slots than the endpoint has.
 */

const limits: LineLimits = { maxInFlight: 2, evaluationSlots: 1, maxQueued: 1, maxPerUser: 2 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the shared admission line (PostgreSQL)", () => {
  let database: Database;
  let other: Database;
  const people: string[] = [];

  beforeAll(async () => {
    const target = await createTestDatabase("postgres");
    database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    other = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    for (const name of ["ada", "ben", "cy"])
      people.push((await createPersonWithRoles(database, `${name}@example.com`, [])).id);
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  const ticket = (endpoint: string, kind: "interactive" | "evaluation", userId: string | null, leaseSeconds = 30) => ({
    id: randomUUID(),
    endpoint,
    kind,
    userId,
    instance: "test-instance",
    leaseSeconds,
  });

  it("grants up to the limit, then queues people up to the bound, and refuses past it or past a person's own limit", async () => {
    const [ada, ben, cy] = people as [string, string, string];
    expect(await joinLine(database, ticket("limits", "interactive", ada), limits)).toEqual({ granted: true });
    expect(await joinLine(database, ticket("limits", "interactive", ben), limits)).toEqual({ granted: true });
    expect(await joinLine(database, ticket("limits", "interactive", ada), limits)).toEqual({ granted: false });
    expect(await joinLine(database, ticket("limits", "interactive", ada), limits)).toEqual({
      refusal: { reason: "per_user", held: 2 },
    });
    expect(await joinLine(database, ticket("limits", "interactive", cy), limits)).toEqual({
      refusal: { reason: "queue_full" },
    });
    // A lane is never refused: it waits.
    expect(await joinLine(database, ticket("limits", "evaluation", null), limits)).toEqual({ granted: false });
    expect(await readLine(database, "limits")).toEqual({
      inFlight: 2,
      evaluationInFlight: 0,
      waitingInteractive: 1,
      waitingEvaluation: 1,
    });
  });

  it("hands a freed slot to a waiting person before an earlier lane, and keeps lanes within their share", async () => {
    const [ada, ben] = people as [string, string];
    // Lanes may hold both slots here: only the people-first rule can keep the waiting lane from the freed one.
    const wide = { ...limits, evaluationSlots: 2 };
    const firstLane = ticket("order", "evaluation", null);
    expect(await joinLine(database, firstLane, wide)).toEqual({ granted: true });
    const person = ticket("order", "interactive", ada);
    expect(await joinLine(database, person, wide)).toEqual({ granted: true });
    const waitingLane = ticket("order", "evaluation", null);
    expect(await joinLine(database, waitingLane, wide)).toEqual({ granted: false });
    const waitingPerson = ticket("order", "interactive", ben);
    expect(await joinLine(database, waitingPerson, wide)).toEqual({ granted: false });
    await leaveLine(database, "order", person.id, wide);
    expect(await readLine(database, "order")).toEqual({
      inFlight: 2,
      evaluationInFlight: 1,
      waitingInteractive: 0,
      waitingEvaluation: 1,
    });
    // With nobody waiting, the lane gets the next slot; with a share of one, it would not have.
    await leaveLine(database, "order", waitingPerson.id, wide);
    expect(await readLine(database, "order")).toMatchObject({
      inFlight: 2,
      evaluationInFlight: 2,
      waitingEvaluation: 0,
    });
    await leaveLine(database, "order", firstLane.id, limits);
    await leaveLine(database, "order", waitingLane.id, limits);
    const lanes = [ticket("order", "evaluation", null), ticket("order", "evaluation", null)];
    for (const lane of lanes) await joinLine(database, lane, limits);
    expect(await readLine(database, "order")).toMatchObject({
      inFlight: 1,
      evaluationInFlight: 1,
      waitingEvaluation: 1,
    });
  });

  it("drops a place whose lease ran out, as an instance killed with slots would leave them, and hands its slot on", async () => {
    const [ada, ben, cy] = people as [string, string, string];
    await joinLine(database, ticket("lease", "interactive", ada, 1), limits);
    await joinLine(database, ticket("lease", "interactive", ben, 1), limits);
    const waiting = ticket("lease", "interactive", cy);
    expect(await joinLine(database, waiting, limits)).toEqual({ granted: false });
    await sleep(1200);
    await tidyLine(database, "lease", limits);
    expect(await readLine(database, "lease")).toEqual({
      inFlight: 1,
      evaluationInFlight: 0,
      waitingInteractive: 0,
      waitingEvaluation: 0,
    });
  });

  it("never holds more slots than the endpoint has across two instances, and wakes each instance's waiters", async () => {
    const shared = { ...limits, maxQueued: 64, maxPerUser: 64, evaluationSlots: 2 };
    const instances = [
      new SharedAdmission(database, "two-instances", shared, {
        instance: "one",
        seconds: { interactive: 30, evaluation: 30 },
      }),
      new SharedAdmission(other, "two-instances", shared, {
        instance: "two",
        seconds: { interactive: 30, evaluation: 30 },
      }),
    ];
    // Grants reach a waiter through its instance's notification listener.
    const stops = await Promise.all(
      [database, other].map((db, index) =>
        db.listen("admission_grants", (payload) => instances[index]!.heardGrants(parseGrants(payload)!.granted)),
      ),
    );
    let holding = 0;
    let most = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const admission = instances[index % 2]!;
        const release =
          index % 3 === 0
            ? await (
                await admission.reserve(people[index % 3]!)
              ).turn
            : await admission.acquireForEvaluation();
        most = Math.max(most, ++holding);
        await sleep(50);
        holding--;
        release();
      }),
    );
    const took = performance.now() - started;
    for (const stop of stops) await stop();
    expect(most).toBe(2);
    // Twelve holds of 50 ms two at a time: woken by notifications, not by the one-second look.
    expect(took).toBeLessThan(3000);
    // The last places are given back in the background.
    for (let tries = 0; (await readLine(database, "two-instances")).inFlight > 0 && tries < 50; tries++)
      await sleep(20);
    expect(await readLine(database, "two-instances")).toMatchObject({ inFlight: 0, waitingInteractive: 0 });
  });

  it("tells lanes that keep their places between samples on every instance when a person waits, until a lane is granted again", async () => {
    const one = { maxInFlight: 1, evaluationSlots: 1, maxQueued: 4, maxPerUser: 2 };
    const lease = (instance: string) => ({ instance, seconds: { interactive: 30, evaluation: 30 } });
    const instances = [
      new SharedAdmission(database, "hand-over", one, lease("one")),
      new SharedAdmission(other, "hand-over", one, lease("two")),
    ];
    const stops = await Promise.all(
      [database, other].map((db, index) =>
        db.listen("admission_grants", (payload) => {
          const grants = parseGrants(payload);
          if (grants?.endpoint === "hand-over") instances[index]!.heardGrants(grants.granted, grants.waiting === true);
        }),
      ),
    );
    const [laneSide, personSide] = instances as [SharedAdmission, SharedAdmission];
    const lane = await laneSide.acquireForEvaluation();
    expect([laneSide.shouldHandOver(), personSide.shouldHandOver()]).toEqual([false, false]);

    // A person waits on the other instance: the lane's instance hears it.
    const reservation = await personSide.reserve(people[0]!);
    for (let tries = 0; !laneSide.shouldHandOver() && tries < 100; tries++) await sleep(10);
    expect(laneSide.shouldHandOver()).toBe(true);

    // The lane gives its place back: the person gets it, and the lane, joining again, waits behind them.
    lane();
    const personDone = await reservation.turn;
    let laneAgain: (() => void) | null = null;
    const laneWaits = laneSide.acquireForEvaluation().then((release) => (laneAgain = release));
    await sleep(50);
    expect(laneAgain).toBeNull();
    personDone();
    await laneWaits;
    // Granted again: nobody waited ahead of it, so the lane's instance may keep its place once more.
    expect(laneSide.shouldHandOver()).toBe(false);
    laneAgain!();
    for (const stop of stops) await stop();
  });
});
