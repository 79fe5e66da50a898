import "server-only";
import type { Actor } from "@/lib/auth/policy";
import type { ImportedDemoSample } from "@/lib/demo/demo-contract";
import type { Database } from "@/lib/db/open-database";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { addDemoPictures } from "./add-demo-pictures";
import { getDemoSample } from "./read-demo-benchmark";

/**
 * Puts a demo sample's twelve pictures into a person's library, through the
 * same checks and storage as an upload, so they can assess it like their own.
 * Pictures they already have are reused; the ids come back grouped.
 */
export async function importDemoSample(
  database: Database,
  actor: Actor,
  subset: BenchmarkSubset,
  index: number,
): Promise<ImportedDemoSample> {
  const { demo, sample } = await getDemoSample(subset, index);
  const paths = [
    ...sample.images.preferred.slice(0, 5),
    ...sample.images.nonPreferred.slice(0, 5),
    sample.images.imageA,
    sample.images.imageB,
  ];
  const ids = await addDemoPictures(database, actor.userId, demo, paths);
  const preferredCount = Math.min(5, sample.images.preferred.length);
  const nonPreferredCount = Math.min(5, sample.images.nonPreferred.length);
  return {
    preferredImageIds: ids.slice(0, preferredCount),
    nonPreferredImageIds: ids.slice(preferredCount, preferredCount + nonPreferredCount),
    candidateImageIds: ids.slice(preferredCount + nonPreferredCount),
    label: sample.label,
  };
}
