import type { MersenneTwister } from "@/lib/preferthinker/python-random";
import { type DemoProfile, detailLevels, hueFamilies, saturationLevels } from "./demo-attributes";

/**
 * Renders one demo picture whose five attributes are those of `profile`:
 * its shapes' outline style, their hue family, how they are painted, how
 * saturated they are and how many there are. Everything else (layout,
 * sizes, exact hues, light or dark ground) varies with `random`, so two
 * pictures of one profile share a look, not a composition.
 */

export const DEMO_IMAGE_SIZE = 128;

type Colour = [number, number, number];
type Shape = {
  contains(x: number, y: number): boolean;
  /** Where a point sits across the shape, -0.5..0.5: the gradient medium shades along it. */
  across(x: number, y: number): number;
  colour: Colour;
  bounds: [number, number, number, number];
};

const clamp = (value: number, low = 0, high = 1) => Math.min(high, Math.max(low, value));

/** HSV (hue in degrees) to RGB in 0..1. */
function hsv(hue: number, saturation: number, value: number): Colour {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = value * saturation;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = value - c;
  const [r, g, b] =
    h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  return [r + m, g + m, b + m];
}

const between = (random: MersenneTwister, low: number, high: number) => low + (high - low) * random.random();

function gaussian(random: MersenneTwister): number {
  const u = Math.max(1e-12, random.random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.random());
}

function makeShapes(profile: DemoProfile, random: MersenneTwister, size: number, pickColour: () => Colour): Shape[] {
  const { count, size: relative } = detailLevels[profile.detail];
  const shapes: Shape[] = [];
  if (profile.style === "striped") {
    // Parallel bands across the whole picture, in one direction per picture.
    const angle = between(random, 0, Math.PI);
    const [nx, ny] = [Math.cos(angle), Math.sin(angle)];
    const span = size * Math.SQRT2;
    const bands = count * 2 + 1;
    for (let band = 0; band < bands; band++) {
      const from = -span / 2 + (band * span) / bands;
      const to = from + span / bands;
      const colour = pickColour();
      const offset = (x: number, y: number) => (x - size / 2) * nx + (y - size / 2) * ny;
      shapes.push({
        contains: (x, y) => {
          const t = offset(x, y);
          return t >= from && t < to;
        },
        across: (x, y) => (offset(x, y) - from) / (to - from) - 0.5,
        colour,
        bounds: [0, 0, size, size],
      });
    }
    return shapes;
  }
  for (let index = 0; index < count; index++) {
    const radius = (relative * size * between(random, 0.7, 1.3)) / 2;
    const cx = between(random, radius * 0.3, size - radius * 0.3);
    const cy = between(random, radius * 0.3, size - radius * 0.3);
    const turn = between(random, 0, Math.PI);
    const [cos, sin] = [Math.cos(turn), Math.sin(turn)];
    let contains: Shape["contains"];
    if (profile.style === "geometric") {
      if (random.random() < 0.5) {
        const [halfWidth, halfHeight] = [radius * between(random, 0.6, 1), radius * between(random, 0.4, 1)];
        contains = (x, y) => {
          const [dx, dy] = [x - cx, y - cy];
          return Math.abs(dx * cos + dy * sin) <= halfWidth && Math.abs(-dx * sin + dy * cos) <= halfHeight;
        };
      } else {
        const corners = [0, 1, 2].map((corner) => {
          const theta = turn + (corner * 2 * Math.PI) / 3;
          return [cx + radius * Math.cos(theta), cy + radius * Math.sin(theta)] as const;
        });
        contains = (x, y) => {
          const sides = corners.map(([ax, ay], corner) => {
            const [bx, by] = corners[(corner + 1) % 3]!;
            return (bx - ax) * (y - ay) - (by - ay) * (x - ax);
          });
          return sides.every((side) => side >= 0) || sides.every((side) => side <= 0);
        };
      }
    } else {
      const [wobble2, wobble3, phase2, phase3] = [
        between(random, 0.08, 0.22),
        between(random, 0.05, 0.15),
        between(random, 0, 6.3),
        between(random, 0, 6.3),
      ];
      const stretch = between(random, 0.75, 1);
      contains = (x, y) => {
        const [dx, dy] = [x - cx, y - cy];
        const [u, v] = [dx * cos + dy * sin, (-dx * sin + dy * cos) / stretch];
        const theta = Math.atan2(v, u);
        const edge = radius * (1 + wobble2 * Math.sin(2 * theta + phase2) + wobble3 * Math.sin(3 * theta + phase3));
        return Math.hypot(u, v) <= edge;
      };
    }
    shapes.push({
      contains,
      across: (x, y) => clamp(((x - cx) * cos + (y - cy) * sin) / (2 * radius), -0.5, 0.5),
      colour: pickColour(),
      bounds: [cx - radius * 1.5, cy - radius * 1.5, cx + radius * 1.5, cy + radius * 1.5],
    });
  }
  return shapes;
}

function blurInPlace(pixels: Float32Array, size: number, radius: number): void {
  const copy = Float32Array.from(pixels);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let channel = 0; channel < 3; channel++) {
        let sum = 0;
        let count = 0;
        for (let dy = -radius; dy <= radius; dy++) {
          for (let dx = -radius; dx <= radius; dx++) {
            const [sx, sy] = [x + dx, y + dy];
            if (sx < 0 || sy < 0 || sx >= size || sy >= size) continue;
            sum += copy[(sy * size + sx) * 3 + channel]!;
            count++;
          }
        }
        pixels[(y * size + x) * 3 + channel] = sum / count;
      }
    }
  }
}

/** Renders `profile` as interleaved 8-bit RGB, DEMO_IMAGE_SIZE pixels square. */
export function renderDemoImage(profile: DemoProfile, random: MersenneTwister, size = DEMO_IMAGE_SIZE): Uint8Array {
  const baseHue = hueFamilies[profile.hue] + between(random, -8, 8);
  const level = saturationLevels[profile.saturation];
  const pickColour = (): Colour =>
    hsv(baseHue + between(random, -14, 14), clamp(level + between(random, -0.07, 0.07)), between(random, 0.45, 0.95));
  const isHatched = profile.medium === "hatching";
  const groundValue = isHatched
    ? 0.96
    : random.random() < 0.5
      ? between(random, 0.82, 0.95)
      : between(random, 0.4, 0.55);
  const ground = hsv(baseHue + between(random, -10, 10), clamp(level * (isHatched ? 0.3 : 0.55)), groundValue);
  const shapes = makeShapes(profile, random, size, pickColour);
  const pixels = new Float32Array(size * size * 3);
  const shadeDepth = profile.medium === "gradient" ? 0.28 : 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const shade = shadeDepth * ((y / size) * 2 - 1);
      for (let channel = 0; channel < 3; channel++)
        pixels[(y * size + x) * 3 + channel] = clamp(ground[channel]! * (1 - shade * 0.5));
    }
  }
  for (const shape of shapes) {
    const [x0, y0, x1, y1] = shape.bounds.map((value) => Math.round(value));
    for (let y = Math.max(0, y0!); y < Math.min(size, y1!); y++) {
      for (let x = Math.max(0, x0!); x < Math.min(size, x1!); x++) {
        if (!shape.contains(x + 0.5, y + 0.5)) continue;
        // Hatching: the shape is drawn as diagonal lines on the paper.
        if (isHatched && (x + y) % 4 >= 2) continue;
        const factor = 1 + shadeDepth * 2 * shape.across(x + 0.5, y + 0.5);
        for (let channel = 0; channel < 3; channel++)
          pixels[(y * size + x) * 3 + channel] = clamp(shape.colour[channel]! * factor);
      }
    }
  }
  if (profile.medium === "gradient") blurInPlace(pixels, size, 2);
  if (profile.medium === "grainy") {
    blurInPlace(pixels, size, 1);
    for (let index = 0; index < size * size; index++) {
      const grain = gaussian(random) * 0.07;
      for (let channel = 0; channel < 3; channel++)
        pixels[index * 3 + channel] = clamp(pixels[index * 3 + channel]! * (1 + grain) + gaussian(random) * 0.015);
    }
  }
  if (profile.medium === "pixel") {
    const block = 8;
    for (let by = 0; by < size; by += block) {
      for (let bx = 0; bx < size; bx += block) {
        for (let channel = 0; channel < 3; channel++) {
          let sum = 0;
          for (let y = by; y < by + block; y++)
            for (let x = bx; x < bx + block; x++) sum += pixels[(y * size + x) * 3 + channel]!;
          // Quantised to 16 levels, as pixel art palettes are.
          const mean = Math.round((sum / (block * block)) * 15) / 15;
          for (let y = by; y < by + block; y++)
            for (let x = bx; x < bx + block; x++) pixels[(y * size + x) * 3 + channel] = mean;
        }
      }
    }
  }
  const rgb = new Uint8Array(size * size * 3);
  for (let index = 0; index < rgb.length; index++) rgb[index] = Math.round(pixels[index]! * 255);
  return rgb;
}
