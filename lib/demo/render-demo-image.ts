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
  /**
   * The columns of row `y` (pixel centres at y + 0.5) that can hold the
   * shape, a few wider than it, where its box alone would test the whole row;
   * `contains` still decides each pixel, so the picture is the same either way.
   */
  columns?(y: number): [number, number];
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
        // A band crosses a row in a few pixels unless it runs nearly along it.
        columns: (y) => {
          if (Math.abs(nx) < 0.01) return [0, size];
          const rest = (y + 0.5 - size / 2) * ny;
          const [a, b] = [(from - rest) / nx + size / 2, (to - rest) / nx + size / 2];
          return [Math.floor(Math.min(a, b)) - 1, Math.ceil(Math.max(a, b)) + 1];
        },
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
          const dx = x - cx;
          const dy = y - cy;
          return Math.abs(dx * cos + dy * sin) <= halfWidth && Math.abs(-dx * sin + dy * cos) <= halfHeight;
        };
      } else {
        const corner = (index: number) => {
          const theta = turn + (index * 2 * Math.PI) / 3;
          return [cx + radius * Math.cos(theta), cy + radius * Math.sin(theta)] as const;
        };
        const [[ax, ay], [bx, by], [ex, ey]] = [corner(0), corner(1), corner(2)];
        // Which side of each edge (a to b, b to e, e to a) the point is on: inside when all agree.
        // Called for every pixel of the shape's box, so it allocates nothing.
        contains = (x, y) => {
          const ab = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
          const be = (ex - bx) * (y - by) - (ey - by) * (x - bx);
          const ea = (ax - ex) * (y - ey) - (ay - ey) * (x - ex);
          return (ab >= 0 && be >= 0 && ea >= 0) || (ab <= 0 && be <= 0 && ea <= 0);
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
        const dx = x - cx;
        const dy = y - cy;
        const u = dx * cos + dy * sin;
        const v = (-dx * sin + dy * cos) / stretch;
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

/**
 * A box blur that averages the pixels of the square around each one that lie
 * inside the picture. The window is clipped once per pixel rather than tested
 * per neighbour; the sums still run row by row across the window, so the
 * pictures stay exactly those the demo's figures were measured on
 * (render-demo-image.test.ts holds their digest).
 */
function blurInPlace(pixels: Float32Array, size: number, radius: number): void {
  const copy = Float32Array.from(pixels);
  for (let y = 0; y < size; y++) {
    const top = Math.max(-radius, -y);
    const bottom = Math.min(radius, size - 1 - y);
    for (let x = 0; x < size; x++) {
      const left = Math.max(-radius, -x);
      const right = Math.min(radius, size - 1 - x);
      const count = (bottom - top + 1) * (right - left + 1);
      for (let channel = 0; channel < 3; channel++) {
        let sum = 0;
        for (let dy = top; dy <= bottom; dy++) {
          const row = (y + dy) * size + x;
          for (let dx = left; dx <= right; dx++) sum += copy[(row + dx) * 3 + channel]!;
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
      const [left, right] = shape.columns?.(y) ?? [x0!, x1!];
      for (let x = Math.max(0, x0!, left); x < Math.min(size, x1!, right); x++) {
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
