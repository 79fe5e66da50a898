import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { media, shapeStyles } from "./demo-attributes";
import { DEMO_IMAGE_SIZE, renderDemoImage } from "./render-demo-image";

describe("renderDemoImage", () => {
  // The baseline's published figures, the taste bench and the docs were measured on these exact
  // pictures: a renderer that draws them differently (even by one level in one pixel) must say so
  // by changing this digest and re-measuring, not by accident.
  it("draws every shape style in every medium exactly as the measured demo benchmark did", () => {
    const digest = createHash("sha256");
    let seed = 1;
    for (const style of shapeStyles)
      for (const medium of media)
        for (const detail of ["minimal", "intricate"] as const) {
          const pixels = renderDemoImage(
            { style, hue: "teal", medium, saturation: "moderate", detail },
            new MersenneTwister(seed++),
          );
          expect(pixels).toHaveLength(DEMO_IMAGE_SIZE * DEMO_IMAGE_SIZE * 3);
          digest.update(pixels);
        }
    expect(digest.digest("hex")).toBe("81368bfd8abefb6d131f5d1bc2cd1bfa6fb6ac829815692925de4300bfd03884");
  });
});
