import sharp from "sharp";
import type { DemoProfile } from "../../lib/demo/demo-attributes";
import { renderDemoImage } from "../../lib/demo/render-demo-image";
import { MersenneTwister } from "../../lib/preferthinker/python-random";

const warm: DemoProfile = {
  style: "organic",
  hue: "orange",
  medium: "gradient",
  saturation: "vivid",
  detail: "minimal",
};
const cold: DemoProfile = { style: "striped", hue: "blue", medium: "pixel", saturation: "muted", detail: "intricate" };

/** Twelve photos of the person's: five warm ones they like, five cold ones they dislike, then one of each as candidates. */
export async function ownPhotos() {
  return Promise.all(
    Array.from({ length: 12 }, async (_, index) => {
      const profile = index < 5 || index === 11 ? warm : cold;
      const pixels = renderDemoImage(profile, new MersenneTwister(1000 + index));
      return {
        name: `my-photo-${String(index + 1).padStart(2, "0")}.png`,
        mimeType: "image/png",
        buffer: await sharp(pixels, { raw: { width: 128, height: 128, channels: 3 } })
          .png()
          .toBuffer(),
      };
    }),
  );
}
