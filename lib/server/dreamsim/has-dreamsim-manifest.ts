import "server-only";
import { stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Whether a DreamSim manifest is installed at DREAMSIM_MODEL_URL, a path on
 * this site that Next serves from public/. Pages ask here first so that a
 * browser never requests a manifest that is not there (a 404 in its console
 * on every visit). The config has already refused `..` in the path. The
 * folder is read at run time: `turbopackIgnore` keeps the build from tracing
 * the project for it.
 */
export async function hasDreamsimManifest(
  modelUrl: string,
  publicDir = join(/* turbopackIgnore: true */ process.cwd(), "public"),
): Promise<boolean> {
  const path = join(/* turbopackIgnore: true */ publicDir, modelUrl, "manifest.json");
  return stat(/* turbopackIgnore: true */ path).then(
    (info) => info.isFile(),
    () => false,
  );
}
