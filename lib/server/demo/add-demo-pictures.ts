import "server-only";
import { createHash } from "node:crypto";
import { copyFile, readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { getImageLibrary, ingestFiles } from "@/lib/images/image-library";
import { type DemoBenchmark, resolveDemoImagePath } from "./read-demo-benchmark";

/**
 * Puts demo pictures (paths relative to the demo's images folder) into a
 * person's library as source `demo`, through the same checks and storage as
 * an upload; pictures they hold already are reused. Returns the image ids in
 * the order of `paths`.
 */
export async function addDemoPictures(
  database: Database,
  ownerId: string,
  demo: DemoBenchmark,
  paths: readonly string[],
): Promise<string[]> {
  const library = getImageLibrary();
  const received = await Promise.all(
    paths.map(async (relative) => {
      const source = resolveDemoImagePath(demo, relative);
      if (!source)
        throw new AppError("internal", `The demo benchmark names a picture outside the demo folder: ${relative}`);
      const temporary = await library.store.temporaryPath();
      await copyFile(source, temporary);
      const bytes = await readFile(temporary);
      return {
        name: `demo-${basename(relative)}`,
        path: temporary,
        bytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
  const results = await ingestFiles(database, ownerId, received, "demo");
  const failed = results.find((result) => "error" in result);
  if (failed && "error" in failed) throw failed.error;
  return results.map((result) => ("image" in result ? result.image.id : ""));
}
