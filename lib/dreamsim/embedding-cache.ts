import "client-only";

/**
 * Embeddings kept in IndexedDB, keyed by model version and image sha256, so
 * an image is embedded once per model and browser. Stored raw (as the model
 * returned them); post-processing is cheap and done on read.
 */

const databaseName = "dreamsim";
const storeName = "embeddings";

let opening: Promise<IDBDatabase> | null = null;

function openCache(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB would not open."));
  });
  return opening;
}

const cacheKey = (modelVersion: string, imageSha256: string) => `${modelVersion}|${imageSha256}`;

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed."));
  });
}

/** The cached raw embedding, or null. A broken cache is treated as empty: it only saves time. */
export async function readCachedEmbedding(modelVersion: string, imageSha256: string): Promise<Float32Array | null> {
  try {
    const database = await openCache();
    const value: unknown = await settle(
      database.transaction(storeName).objectStore(storeName).get(cacheKey(modelVersion, imageSha256)),
    );
    return value instanceof Float32Array ? value : null;
  } catch {
    return null;
  }
}

export async function writeCachedEmbedding(
  modelVersion: string,
  imageSha256: string,
  raw: Float32Array,
): Promise<void> {
  try {
    const database = await openCache();
    await settle(
      database.transaction(storeName, "readwrite").objectStore(storeName).put(raw, cacheKey(modelVersion, imageSha256)),
    );
  } catch {
    // Not cached: the next request embeds the image again.
  }
}

export async function clearEmbeddingCache(): Promise<void> {
  const database = await openCache();
  await settle(database.transaction(storeName, "readwrite").objectStore(storeName).clear());
}
