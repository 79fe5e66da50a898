import sharp, { type Sharp } from "sharp";
import { describe, expect, it } from "vitest";
import { type DemoProfile } from "@/lib/demo/demo-attributes";
import { renderDemoImage } from "@/lib/demo/render-demo-image";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { nameHue, nameMedium, nameStyle } from "./baseline-vocabulary";
import { ANALYSIS_SIZE, measureImageFeatures } from "./image-features";

const size = ANALYSIS_SIZE;
const render = (profile: DemoProfile, seed = 1) => renderDemoImage(profile, new MersenneTwister(seed), size);
const measure = (rgb: Uint8Array) => measureImageFeatures(rgb, size, size);
const plain = async (background: string) =>
  new Uint8Array(
    await sharp({ create: { width: size, height: size, channels: 3, background } })
      .raw()
      .toBuffer(),
  );
const through = async (rgb: Uint8Array, edit: (image: Sharp) => Sharp) =>
  new Uint8Array(
    await edit(sharp(rgb, { raw: { width: size, height: size, channels: 3 } }))
      .removeAlpha()
      .raw()
      .toBuffer(),
  );

const base: DemoProfile = { style: "geometric", hue: "blue", medium: "flat", saturation: "vivid", detail: "moderate" };

describe("the baseline's measurements move the right way on controlled images", () => {
  it("a desaturated copy has lower saturation, and the same hue", async () => {
    const original = render(base);
    const greyer = await through(original, (image) => image.modulate({ saturation: 0.3 }));
    const [before, after] = [measure(original), measure(greyer)];
    expect(after.saturation.meanSaturation).toBeLessThan(before.saturation.meanSaturation * 0.5);
    expect(nameHue(after.color.hue)).toBe("blue");
  });

  it("a blurred copy has less detail and softer transitions", async () => {
    const original = render({ ...base, detail: "intricate" });
    const blurred = await through(original, (image) => image.blur(2.5));
    const [before, after] = [measure(original), measure(blurred)];
    expect(after.detail.edgeDensityHalf).toBeLessThan(before.detail.edgeDensityHalf);
    expect(after.medium.fineEdgeDensity).toBeLessThan(before.medium.fineEdgeDensity);
    expect(after.medium.softness).toBeGreaterThan(before.medium.softness);
  });

  it("more shapes measure as more detail", () => {
    const sparse = measure(render({ ...base, detail: "minimal" }, 3));
    const dense = measure(render({ ...base, detail: "intricate" }, 3));
    expect(dense.detail.edgeDensityHalf).toBeGreaterThan(sparse.detail.edgeDensityHalf);
  });

  it("added noise reads as grain", async () => {
    const original = render({ ...base, medium: "flat" });
    const noise = new MersenneTwister(9);
    const noisy = original.map((value) => Math.max(0, Math.min(255, Math.round(value + (noise.random() - 0.5) * 40))));
    expect(measure(noisy).medium.grain).toBeGreaterThan(measure(original).medium.grain * 2);
    expect(nameMedium(measure(noisy))).toBe("grainy texture");
  });

  it.each([
    [0, "red"],
    [55, "yellow"],
    [180, "teal"],
    [275, "purple"],
  ] as const)("a plain picture of hue %s° is named %s", async (hue, name) => {
    expect(nameHue(measure(await plain(`hsl(${hue}, 80%, 50%)`)).color.hue)).toBe(name);
  });

  it("a grey picture has no hue and no saturation", async () => {
    const features = measure(await plain("#808080"));
    expect(features.color.hue).toBeNull();
    expect(features.saturation.meanSaturation).toBe(0);
  });

  it("names pixel blocks, hatching and stripes from what it sees", () => {
    expect(nameMedium(measure(render({ ...base, medium: "pixel" }, 4)))).toBe("blocky pixels");
    expect(nameMedium(measure(render({ ...base, medium: "hatching", detail: "minimal" }, 4)))).toBe("hatched lines");
    expect(nameStyle(measure(render({ ...base, style: "striped" }, 4)))).toBe("stripes");
  });
});
