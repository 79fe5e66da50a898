import "server-only";
import { findSubsetImageIds, getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { findLibraryImageIds } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import { pythonShuffle } from "@/lib/preferthinker/python-random";
import { TASTE_POOL_MAX, TASTE_POOL_MIN, type TastePool } from "@/lib/taste/taste-contract";
import { takeDemoPool } from "./take-demo-pool";

const poolNames = { demo: "The demo", library: "Your library", subset: "This benchmark subset" } as const;
const advice = {
  demo: "Use your library instead.",
  library: "Upload more or use the demo pictures.",
  subset: "Choose a larger subset, or use your library or the demo pictures.",
} as const;

/** The candidate pictures of a pool, before it is checked and capped. */
async function findPoolCandidates(
  database: Database,
  ownerId: string,
  pool: TastePool,
  seed: number,
): Promise<string[]> {
  if (pool.kind === "demo") return takeDemoPool(database, ownerId, seed);
  if (pool.kind === "library") return findLibraryImageIds(database, ownerId);
  // Only the researcher's own subsets: another person's is not found, admins included (the quiz is personal).
  const subset = await getBenchmarkSubset(database, pool.subsetId, ownerId);
  if (!subset) throw new AppError("not_found", "No such benchmark subset.");
  return findSubsetImageIds(database, subset.id);
}

/**
 * The image ids of a quiz's pool, fixed at its start: at least
 * TASTE_POOL_MIN pictures (else a 400 saying how many there are and what to
 * do), at most TASTE_POOL_MAX, sampled by the quiz's seed.
 */
export async function chooseTastePool(
  database: Database,
  ownerId: string,
  pool: TastePool,
  seed: number,
): Promise<string[]> {
  const candidates = await findPoolCandidates(database, ownerId, pool, seed);
  if (candidates.length < TASTE_POOL_MIN) {
    const count = candidates.length === 1 ? "1 picture" : `${candidates.length} pictures`;
    throw new AppError(
      "bad_request",
      `${poolNames[pool.kind]} has ${count}; the quiz needs at least ${TASTE_POOL_MIN}. ${advice[pool.kind]}`,
    );
  }
  return pythonShuffle(candidates, seed).slice(0, TASTE_POOL_MAX);
}
