import { readFileSync } from "node:fs";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSseEvents, type SseEvent } from "../read-sse-events";
import { type Cluster, type Instance, startCluster, waitForReady } from "./cluster-harness";
import { signUp, startAssessment, uploadPictures } from "./cluster-people";

/**
 * People's assessments on two instances sharing one PostgreSQL server, as
 * behind a load balancer that sends each request anywhere: following an
 * assessment through the instance that does not run it, cancelling it there,
 * the model server's limit held for both instances together, and an
 * instance killed mid-assessment.
 */

// Long enough that the lease renewal's own look for cancels (every 2 s) cannot pass for the notification in the cancel test.
const leaseSeconds = 6;
const maxInFlight = 4;
const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-a.txt", "utf8");

let cluster: Cluster;
let first: Instance;
let second: Instance;
let cookie: string;
let imageIds: string[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  cluster = await startCluster({
    instances: 2,
    env: {
      DEMO_DATA: "off",
      ASSESSMENT_LEASE_S: String(leaseSeconds),
      MODEL_MAX_IN_FLIGHT: String(maxInFlight),
      ASSESSMENTS_PER_USER: "16",
    },
  });
  [first, second] = cluster.instances as [Instance, Instance];
  await Promise.all([waitForReady(first), waitForReady(second)]);
  cookie = await signUp(first, "person@example.com");
  imageIds = await uploadPictures(first, cookie, 4);
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

function call(instance: Instance, method: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${instance.url}${path}`, { method, headers: { Origin: instance.url, Cookie: cookie, ...headers } });
}

const start = (instance: Instance) => startAssessment(instance, cookie, imageIds);

/** Reads a stream's events up to the first of `name`, leaving the rest of the stream to `rest`. */
async function readUntil(response: Response, name: string) {
  const stream = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const reader = stream.getReader();
  const events: SseEvent[] = [];
  const parse = (message: { id?: string; event?: string; data: string }): SseEvent => ({
    id: message.id,
    event: message.event,
    data: JSON.parse(message.data) as Record<string, unknown>,
  });
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The stream ended before ${name}: ${JSON.stringify(events.map((e) => e.event))}`);
    events.push(parse(value));
    if (value.event === name) break;
  }
  return {
    events,
    async rest(): Promise<SseEvent[]> {
      for (let next = await reader.read(); !next.done; next = await reader.read()) events.push(parse(next.value));
      return events;
    },
  };
}

const idOf = (events: SseEvent[]) => events[0]!.data.assessmentId as string;
const textOf = (events: SseEvent[]) =>
  events
    .filter((event) => event.event === "delta")
    .map((event) => event.data.text)
    .join("");

describe("assessments on two instances", () => {
  it("follows an assessment through the instance that does not run it: the same event ids and text, then done", async () => {
    // About three seconds of writing.
    cluster.model.queue({ kind: "stream", text: transcript, chunkSize: 20, delayMs: 40 });
    const onFirst = await readUntil(await start(first), "delta");
    const id = idOf(onFirst.events);
    const onSecond = await readUntil(await call(second, "GET", `/api/assessments/${id}/events`), "delta");
    // A reload on the second instance that had read up to event 3 reattaches from there.
    const reattached = readSseEvents(
      await call(second, "GET", `/api/assessments/${id}/events`, { "Last-Event-ID": "3" }),
    );
    const [direct, followed, resumed] = await Promise.all([onFirst.rest(), onSecond.rest(), reattached]);

    expect(direct.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    expect(textOf(direct)).toBe(transcript);
    expect(followed).toEqual(direct);
    expect(resumed).toEqual(direct.slice(3));
    // After the end, the other instance still gives the run's own ids.
    expect(await readSseEvents(await call(second, "GET", `/api/assessments/${id}/events`))).toEqual(direct);
  });

  it("stops an assessment cancelled through the other instance: the model request closes and it ends cancelled", async () => {
    cluster.model.queue({ kind: "stream", text: transcript.repeat(20), chunkSize: 20, delayMs: 50 });
    const sentBefore = cluster.model.requests.length;
    const onFirst = await readUntil(await start(first), "delta");
    const id = idOf(onFirst.events);
    const asked = Date.now();
    expect((await call(second, "POST", `/api/assessments/${id}/cancel`)).status).toBe(202);
    const events = await onFirst.rest();
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "cancelled" } });
    const request = cluster.model.requests[sentBefore]!;
    expect(request.closedAt).toBeDefined();
    // The notification's doing: the running instance's next lease renewal, its fallback, is up to 2 s away.
    expect(request.closedAt! - asked).toBeLessThan(500);
    const row = await call(second, "GET", `/api/assessments/${id}`);
    expect(await row.json()).toMatchObject({ assessment: { status: "cancelled" } });
    // Cancelling what has ended is a conflict, on either instance.
    expect((await call(second, "POST", `/api/assessments/${id}/cancel`)).status).toBe(409);
  });

  it(`never has more than MODEL_MAX_IN_FLIGHT=${maxInFlight} requests at the model server with 16 assessments between two instances`, async () => {
    const sentBefore = cluster.model.requests.length;
    const scenarios = Array.from({ length: 16 }, () => ({
      kind: "stream" as const,
      text: transcript,
      chunkSize: 200,
      delayMs: 100,
    }));
    cluster.model.queue(...scenarios);
    const streams = await Promise.all(
      Array.from({ length: 16 }, async (_, index) => {
        const response = await start(index % 2 === 0 ? first : second);
        expect(response.status).toBe(200);
        return readSseEvents(response);
      }),
    );
    for (const events of streams) expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    expect(cluster.model.requests.length - sentBefore).toBe(16);
    expect(cluster.model.mostAtOnce()).toBe(maxInFlight);
    // Twelve waited: each was told its place in the installation's line, and the last places were past one instance's share.
    const positions = streams.flatMap((events) =>
      events.filter((event) => event.event === "queued").map((event) => event.data.position as number),
    );
    expect(Math.max(...positions)).toBeGreaterThan(6);
  });

  it("fails an assessment whose instance was killed within a lease, and its follower elsewhere sees it end", async () => {
    cluster.model.queue({ kind: "stall", text: transcript, afterChunks: 2 });
    const onFirst = await readUntil(await start(first), "started");
    const id = idOf(onFirst.events);
    const following = readSseEvents(await call(second, "GET", `/api/assessments/${id}/events`));
    await sleep(200);
    const killed = Date.now();
    await first.kill9();
    const events = await following;
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "failed" } });
    // One lease, the next sweep (every half lease), the follower's second and a half of looks for a `done`
    // that a living instance would still journal, and two seconds for a busy machine.
    expect(Date.now() - killed).toBeLessThan((leaseSeconds * 1.5 + 3.5) * 1000);
    // The killed instance's place at the model server is free again: all four slots serve the survivor.
    const sentBefore = cluster.model.requests.length;
    cluster.model.queue(
      ...Array.from({ length: maxInFlight }, () => ({
        kind: "stream" as const,
        text: transcript,
        chunkSize: 400,
        delayMs: 300,
      })),
    );
    const responses = await Promise.all(Array.from({ length: maxInFlight }, () => start(second)));
    await sleep(500);
    expect(cluster.model.requests.length - sentBefore).toBe(maxInFlight);
    for (const response of responses) await readSseEvents(response);
  });
});
