import "client-only";
import { type ModelManifest, modelManifestSchema } from "./model-manifest";

/** Reads and validates a manifest; null when none is installed (404). */
export async function fetchModelManifest(manifestUrl: string): Promise<ModelManifest | null> {
  const response = await fetch(manifestUrl, { cache: "no-cache" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`The DreamSim manifest could not be read (HTTP ${response.status}).`);
  const parsed = modelManifestSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`The DreamSim manifest is not valid: ${issue.path.join(".") || "manifest"}: ${issue.message}.`);
  }
  return parsed.data;
}

const toHex = (digest: ArrayBuffer) =>
  Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");

export const sha256Hex = async (bytes: ArrayBuffer | Uint8Array<ArrayBuffer>) =>
  toHex(await crypto.subtle.digest("SHA-256", bytes));

/**
 * Downloads the model file with progress, then checks its size and sha256
 * against the manifest: a truncated or swapped file never reaches the runtime.
 */
export async function downloadModelFile(
  fileUrl: string,
  manifest: ModelManifest,
  onProgress: (loadedBytes: number, totalBytes: number) => void,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; verifyMs: number }> {
  const response = await fetch(fileUrl);
  if (!response.ok || !response.body)
    throw new Error(`The DreamSim model file ${manifest.file} could not be downloaded (HTTP ${response.status}).`);
  const bytes = new Uint8Array(manifest.bytes);
  const reader = response.body.getReader();
  let loaded = 0;
  onProgress(0, manifest.bytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > bytes.length) {
      await reader.cancel();
      throw new Error(`The DreamSim model file is larger than the manifest says (${manifest.bytes} bytes).`);
    }
    bytes.set(value, loaded);
    loaded += value.length;
    onProgress(loaded, manifest.bytes);
  }
  if (loaded !== manifest.bytes)
    throw new Error(`The DreamSim model file is ${loaded} bytes; the manifest says ${manifest.bytes}.`);
  const started = performance.now();
  const digest = await sha256Hex(bytes);
  if (digest !== manifest.sha256)
    throw new Error(
      `The DreamSim model file's sha256 is ${digest.slice(0, 12)}…, not the manifest's ${manifest.sha256.slice(0, 12)}…: it is not the file the manifest describes.`,
    );
  return { bytes, verifyMs: performance.now() - started };
}
