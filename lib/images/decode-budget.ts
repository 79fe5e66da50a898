import "server-only";
import { Semaphore } from "async-mutex";

/** A picture of this many pixels or more takes a whole decoding place. */
export const fullPlacePixels = 4_000_000;
/** The smallest share of a place a picture takes: a place decodes up to this many small pictures at once. */
export const sharesPerPlace = 4;

/** How much of a place decoding a picture of `pixels` takes, in quarters: 1 up to 1 MP, 4 from 4 MP on. */
export function decodeShares(pixels: number): number {
  return Math.min(sharesPerPlace, Math.max(1, Math.ceil(pixels / (fullPlacePixels / sharesPerPlace))));
}

/**
 * The process's pictures being decoded: `places` large ones at once
 * (IMAGE_CONCURRENCY), or up to four small ones in a place. A benchmark's
 * thousands of thumbnail-sized pictures then keep both cores busy, while
 * memory never goes past what `places` of the largest pictures allowed
 * take, since every picture of 4 MP or more takes a whole place.
 */
export class DecodeBudget {
  private readonly shares: Semaphore;

  constructor(readonly places: number) {
    this.shares = new Semaphore(places * sharesPerPlace);
  }

  /** The most pictures that can be decoding at once: those that take the smallest share. */
  get mostAtOnce(): number {
    return this.places * sharesPerPlace;
  }

  run<T>(pixels: number, decode: () => Promise<T>): Promise<T> {
    return this.shares.runExclusive(decode, decodeShares(pixels));
  }
}
