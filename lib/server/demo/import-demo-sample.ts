import "server-only";
import { createHash } from "node:crypto";
import { copyFile, readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Actor } from "@/lib/auth/policy";
import type { ImportedDemoSample } from "@/lib/demo/demo-api";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { getImageLibrary, ingestFiles } from "@/lib/images/image-library";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { getDemoSample, resolveDemoImagePath } from "./read-demo-benchmark";

/**
 * Puts a demo sample's twelve pictures into a person's library, through the
 * same checks and storage as an upload, so they can assess it like their own.
 * Pictures they already have are reused; the ids come back grouped.
 */
export async function importDemoSample(database: Database, actor: Actor, subset: BenchmarkSubset, index: number): Promise<ImportedDemoSample> {
  const { demo, sample } = await getDemoSample(subset, index);
  const paths = [...sample.images.preferred.slice(0, 5), ...sample.images.nonPreferred.slice(0, 5), sample.images.imageA, sample.images.imageB];
  const library = getImageLibrary();
  const received = await Promise.all(
    paths.map(async (relative) => {
      const source = resolveDemoImagePath(demo, relative);
      if (!source) throw new AppError("internal", `The demo sample names a picture outside the demo folder: ${relative}`);
      const temporary = await library.store.temporaryPath();
      await copyFile(source, temporary);
      const bytes = await readFile(temporary);
      return { name: `demo-${basename(relative)}`, path: temporary, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
  const results = await ingestFiles(database, actor.userId, received, "demo");
  const failed = results.find((result) => "error" in result);
  if (failed && "error" in failed) throw failed.error;
  const ids = results.map((result) => ("image" in result ? result.image.id : ""));
  const preferredCount = Math.min(5, sample.images.preferred.length);
  const nonPreferredCount = Math.min(5, sample.images.nonPreferred.length);
  return {
    preferredImageIds: ids.slice(0, preferredCount),
    nonPreferredImageIds: ids.slice(preferredCount, preferredCount + nonPreferredCount),
    candidateImageIds: ids.slice(preferredCount + nonPreferredCount),
    label: sample.label,
  };
}
