import "server-only";
import type { BenchmarkSampleRecord } from "@/lib/db/benchmark-subsets";
import { findOwnedImages, type ImageRecord } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { readStoredImage } from "@/lib/server/assessments/run-assessment";
import type { SampleSource } from "./evaluation-engine";

/** Image ids per lookup: well under PostgreSQL's limit on bound parameters, whatever the subset's size. */
const idsPerLookup = 1000;

/**
 * The samples of a stored run, their pictures from the owner's image
 * library. The picture rows of every sample are looked up once, when the
 * first sample's pictures are asked for (so only once a lane has its place
 * at the model server: a run waiting for capacity reads nothing), rather
 * than once per sample.
 */
export function createLibrarySampleSource(
  database: Database,
  ownerId: string,
  samples: BenchmarkSampleRecord[],
  history: number,
): SampleSource<BenchmarkSampleRecord> {
  const referencesOf = (sample: BenchmarkSampleRecord) => ({
    preferred: sample.preferredImageIds.slice(0, history),
    nonPreferred: sample.nonPreferredImageIds.slice(0, history),
    candidates: [sample.imageAId, sample.imageBId],
  });
  let lookup: Promise<Map<string, ImageRecord>> | undefined;
  const lookUpImages = async () => {
    const ids = [...new Set(samples.flatMap((sample) => Object.values(referencesOf(sample)).flat()))];
    const images = new Map<string, ImageRecord>();
    for (let start = 0; start < ids.length; start += idsPerLookup) {
      for (const image of await findOwnedImages(database, ownerId, ids.slice(start, start + idsPerLookup)))
        images.set(image.id, image);
    }
    return images;
  };
  const read = async (list: string[]) => {
    const images = await (lookup ??= lookUpImages());
    return list.map((id) => {
      const image = images.get(id);
      if (!image) throw new AppError("not_found", `picture ${id} is no longer in the library.`);
      return readStoredImage(image);
    });
  };
  return {
    samples,
    async readImages(sample) {
      const references = referencesOf(sample);
      const [preferred, nonPreferred, candidates] = await Promise.all([
        read(references.preferred),
        read(references.nonPreferred),
        read(references.candidates),
      ]);
      return { preferred, nonPreferred, candidates };
    },
    labelOf: (sample) => sample.label,
    nameOf: (sample) => `Sample ${sample.index}`,
  };
}
