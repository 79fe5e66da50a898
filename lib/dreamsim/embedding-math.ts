import type { ModelManifest } from "./model-manifest";

/**
 * DreamSim's embedding post-processing and distance: each part the manifest
 * lists is mean-subtracted and L2-normalised on its own (DreamSim's
 * normalize_embedding; DreamSim applies it to the concatenated embedding, one
 * part, and the export script writes whichever layout the installed DreamSim
 * uses). The distance is 1 - cosine similarity of the whole vectors.
 */
export function normalizeEmbedding(raw: Float32Array, branches: ModelManifest["output"]["branches"]): Float32Array {
  const out = new Float32Array(raw.length);
  let offset = 0;
  for (const { size } of branches) {
    let mean = 0;
    for (let i = offset; i < offset + size; i++) mean += raw[i]!;
    mean /= size;
    let norm = 0;
    for (let i = offset; i < offset + size; i++) norm += (raw[i]! - mean) ** 2;
    norm = Math.sqrt(norm);
    // A constant vector has no direction; leave it at zero rather than divide by zero.
    for (let i = offset; i < offset + size; i++) out[i] = norm > 0 ? (raw[i]! - mean) / norm : 0;
    offset += size;
  }
  return out;
}

/** 1 - cosine similarity, in [0, 2]; identical embeddings give exactly 0. */
export function cosineDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Embeddings differ in length (${a.length} and ${b.length}).`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  if (normA === 0 || normB === 0) return 1;
  // Rounding can put the cosine of a vector with itself a hair away from 1.
  const cosine = Math.min(1, Math.max(-1, dot / Math.sqrt(normA * normB)));
  return a === b || isSameVector(a, b) ? 0 : 1 - cosine;
}

function isSameVector(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
