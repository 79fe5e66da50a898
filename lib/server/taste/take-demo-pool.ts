import "server-only";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { pythonShuffle } from "@/lib/preferthinker/python-random";
import { addDemoPictures } from "@/lib/server/demo/add-demo-pictures";
import { getDemoBenchmark } from "@/lib/server/demo/read-demo-benchmark";

/** How many demo pictures a demo quiz draws: the pool then keeps all of them (below TASTE_POOL_MAX). */
export const DEMO_POOL_SIZE = 60;

/**
 * The demo pictures of a demo quiz, chosen by its seed: one picture of each
 * simulated person in turn (people and their pictures shuffled by the
 * seed), so the pool spreads over many tastes rather than a few people's
 * twelve. Relative paths under the demo's images folder.
 */
function chooseDemoPictures(people: Map<string, string[]>, seed: number, size: number): string[] {
  const queues = pythonShuffle([...people.keys()].sort(), seed).map((person, index) =>
    pythonShuffle(people.get(person)!, seed + index + 1),
  );
  const chosen: string[] = [];
  for (let round = 0; chosen.length < size && queues.some((queue) => round < queue.length); round++) {
    for (const queue of queues) {
      const picture = queue[round];
      if (picture !== undefined && chosen.length < size) chosen.push(picture);
    }
  }
  return chosen;
}

/**
 * Brings ~60 demo pictures into the person's library as source `demo`, the
 * way "take a demo set" does (same checks and storage as an upload; pictures
 * they hold already are reused, so a second quiz adds nothing new), and
 * returns their image ids.
 */
export async function takeDemoPool(database: Database, ownerId: string, seed: number): Promise<string[]> {
  const demo = await getDemoBenchmark();
  if (!demo)
    throw new AppError(
      "bad_request",
      "The demo pictures are not available on this installation (DEMO_DATA=off, or the demo was not written). Use your library instead.",
    );
  const people = new Map<string, string[]>();
  for (const samples of demo.samples.values()) {
    for (const sample of samples) {
      const pictures = people.get(sample.userId) ?? [];
      const { preferred, nonPreferred, imageA, imageB } = sample.images;
      for (const picture of [...preferred, ...nonPreferred, imageA, imageB])
        if (!pictures.includes(picture)) pictures.push(picture);
      people.set(sample.userId, pictures);
    }
  }
  const ids = await addDemoPictures(database, ownerId, demo, chooseDemoPictures(people, seed, DEMO_POOL_SIZE));
  // The same bytes under two names would be one image: a pool holds each picture once.
  return [...new Set(ids)];
}
