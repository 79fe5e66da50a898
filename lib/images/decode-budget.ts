import "server-only";
import { Semaphore } from "async-mutex";

/** The pixels one decoding place is sized for (or IMAGE_MAX_PIXELS, if that is less); shares are quarters of it. */
const fullPlacePixels = 4_000_000;
/** The smallest share of a place a picture takes: a place decodes up to this many small pictures at once. */
const sharesPerPlace = 4;

/**
 * How much of a place decoding a picture of `pixels` takes, in quarters: a
 * quarter per started quarter of `full` pixels, so up to 1 MP a quarter, up
 * to 2 MP a half, up to 3 MP three quarters, and more than that a whole place.
 */
export function decodeShares(pixels: number, full = fullPlacePixels): number {
  return Math.min(sharesPerPlace, Math.max(1, Math.ceil(pixels / (full / sharesPerPlace))));
}

/**
 * The process's pictures being decoded: `places` large ones at once
 * (IMAGE_CONCURRENCY), or up to four small ones in a place. A benchmark's
 * thousands of thumbnail-sized pictures then keep both cores busy, while
 * memory never goes past what `places` of the largest pictures allowed
 * take: a picture as large as `maxPixels` (or of 4 MP, if that is less) takes
 * a whole place. sharp runs on libuv's thread pool, which the launcher sizes
 * so that `mostAtOnce` decodes still leave threads for file I/O and hashing.
 */
export class DecodeBudget {
  private readonly shares: Semaphore;
  private readonly full: number;

  constructor(
    readonly places: number,
    maxPixels = Infinity,
  ) {
    this.shares = new Semaphore(places * sharesPerPlace);
    this.full = Math.min(fullPlacePixels, maxPixels);
  }

  /** The most pictures that can be decoding at once: those that take the smallest share. */
  get mostAtOnce(): number {
    return this.places * sharesPerPlace;
  }

  run<T>(pixels: number, decode: () => Promise<T>): Promise<T> {
    return this.shares.runExclusive(decode, decodeShares(pixels, this.full));
  }
}

/**
 * libuv's thread pool for a server whose budget has `places`: room for every
 * decode the budget allows at once, plus libuv's default of four threads for
 * everything else that uses the pool (file I/O, hashing, password hashing).
 */
export function threadPoolSizeFor(places: number): number {
  return places * sharesPerPlace + 4;
}
