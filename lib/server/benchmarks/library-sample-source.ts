import "server-only";
import type { BenchmarkSampleRecord } from "@/lib/db/benchmark-subsets";
import { findOwnedImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { readStoredImage } from "@/lib/server/assessments/run-assessment";
import type { SampleSource } from "./evaluation-engine";

/**
 * The samples of a stored run, taken by `take` (a claim), their pictures
 * from the owner's image library: one lookup of a sample's picture rows
 * when a lane reads it. A lane does that before it waits for its place at
 * the model server when the run may reuse kept outputs (to see whether the
 * sample needs a place at all); a picture's bytes are read only once it has
 * its place.
 */
export function createLibrarySampleSource(
  database: Database,
  ownerId: string,
  history: number,
  take: () => Promise<BenchmarkSampleRecord | null>,
): SampleSource<BenchmarkSampleRecord> {
  return {
    take,
    async readImages(sample) {
      const references = {
        preferred: sample.preferredImageIds.slice(0, history),
        nonPreferred: sample.nonPreferredImageIds.slice(0, history),
        candidates: [sample.imageAId, sample.imageBId],
      };
      const images = new Map(
        (await findOwnedImages(database, ownerId, [...new Set(Object.values(references).flat())])).map((image) => [
          image.id,
          image,
        ]),
      );
      const read = (list: string[]) =>
        list.map((id) => {
          const image = images.get(id);
          if (!image) throw new AppError("not_found", `picture ${id} is no longer in the library.`);
          return readStoredImage(image);
        });
      return {
        preferred: read(references.preferred),
        nonPreferred: read(references.nonPreferred),
        candidates: read(references.candidates),
        // A simulated person's samples share their start (the person's references), so they stay on one replica.
        ...(sample.userId === null ? {} : { affinityKey: `person ${sample.subsetId} ${sample.userId}` }),
      };
    },
    labelOf: (sample) => sample.label,
    nameOf: (sample) => `Sample ${sample.index}`,
  };
}
