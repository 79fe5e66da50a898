import { describe, expect, it } from "vitest";
import { DecodeBudget, decodeShares } from "./decode-budget";

/** Starts `count` decodes of `pixels` each that finish only when told; reports how many ran at once at most. */
function startDecodes(budget: DecodeBudget, pixelsEach: number[]) {
  let running = 0;
  let most = 0;
  const finishers: (() => void)[] = [];
  const done = pixelsEach.map((pixels) =>
    budget.run(pixels, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((finish) => finishers.push(finish));
      running--;
      return pixels;
    }),
  );
  const settle = () => new Promise((wait) => setTimeout(wait, 10));
  return {
    done,
    running: () => running,
    most: () => most,
    async finishAll() {
      while (finishers.length > 0 || running > 0) {
        finishers.splice(0).forEach((finish) => finish());
        await settle();
      }
      return Promise.all(done);
    },
    settle,
  };
}

describe("decodeShares", () => {
  it("counts a picture up to 1 MP as a quarter of a place, and one of 4 MP or more as a whole place", () => {
    expect(decodeShares(128 * 128)).toBe(1);
    expect(decodeShares(1_000_000)).toBe(1);
    expect(decodeShares(1_500_000)).toBe(2);
    expect(decodeShares(3_000_000)).toBe(3);
    expect(decodeShares(3_500_000)).toBe(4);
    expect(decodeShares(4_000_000)).toBe(4);
    expect(decodeShares(48_000_000)).toBe(4);
  });
});

describe("DecodeBudget", () => {
  it("decodes up to four small pictures per place at once", async () => {
    const decodes = startDecodes(new DecodeBudget(2), Array(20).fill(512 * 512));
    await decodes.settle();
    expect(decodes.running()).toBe(8);
    expect(await decodes.finishAll()).toHaveLength(20);
    expect(decodes.most()).toBe(8);
  });

  it("decodes only as many large photos at once as it has places, whatever their size", async () => {
    const decodes = startDecodes(new DecodeBudget(2), [12_000_000, 48_000_000, 4_000_000, 24_000_000]);
    await decodes.settle();
    expect(decodes.running()).toBe(2);
    await decodes.finishAll();
    expect(decodes.most()).toBe(2);
  });

  it("gives a whole place to the largest picture allowed, however small IMAGE_MAX_PIXELS is", async () => {
    // With IMAGE_MAX_PIXELS at 1 MP, a 1 MP picture is as large as pictures get: two at once, as two places allow.
    const decodes = startDecodes(new DecodeBudget(2, 1_000_000), Array(6).fill(1_000_000));
    await decodes.settle();
    expect(decodes.running()).toBe(2);
    await decodes.finishAll();
    expect(decodes.most()).toBe(2);
  });

  it("lets small pictures use what a large photo leaves of the places", async () => {
    const decodes = startDecodes(new DecodeBudget(2), [24_000_000, 100_000, 100_000, 100_000, 100_000, 100_000]);
    await decodes.settle();
    // One place holds the photo, the other four thumbnails; the fifth waits.
    expect(decodes.running()).toBe(5);
    await decodes.finishAll();
    expect(decodes.most()).toBe(5);
  });
});
