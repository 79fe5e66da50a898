import "server-only";
/**
 * A grey-level image as a flat Float32Array, and the few filters the
 * baseline's measurements need. Pure arithmetic, no Node or browser APIs.
 */

export type Plane = { width: number; height: number; data: Float32Array };

/** Luma (Rec. 601) of 8-bit interleaved RGB, scaled to 0..1. */
export function toLuma(rgb: Uint8Array, width: number, height: number): Plane {
  const data = new Float32Array(width * height);
  for (let index = 0; index < data.length; index++) {
    data[index] = (0.299 * rgb[index * 3]! + 0.587 * rgb[index * 3 + 1]! + 0.114 * rgb[index * 3 + 2]!) / 255;
  }
  return { width, height, data };
}

/** Mean over a (2r+1)² window, edges clamped. */
export function boxBlur(plane: Plane, radius = 1): Plane {
  const { width, height, data } = plane;
  const out = new Float32Array(data.length);
  const clampX = (x: number) => Math.min(width - 1, Math.max(0, x));
  const clampY = (y: number) => Math.min(height - 1, Math.max(0, y));
  const rows = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dx = -radius; dx <= radius; dx++) sum += data[y * width + clampX(x + dx)]!;
      rows[y * width + x] = sum / (2 * radius + 1);
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = -radius; dy <= radius; dy++) sum += rows[clampY(y + dy) * width + x]!;
      out[y * width + x] = sum / (2 * radius + 1);
    }
  }
  return { width, height, data: out };
}

/** Half the size in each direction, each pixel the mean of a 2×2 block (a trailing odd row or column is dropped). */
export function halve(plane: Plane): Plane {
  const width = Math.max(1, Math.floor(plane.width / 2));
  const height = Math.max(1, Math.floor(plane.height / 2));
  const data = new Float32Array(width * height);
  const source = plane.data;
  const stride = plane.width;
  for (let y = 0; y < height; y++) {
    const top = Math.min(plane.height - 1, 2 * y) * stride;
    const bottom = Math.min(plane.height - 1, 2 * y + 1) * stride;
    for (let x = 0; x < width; x++) {
      const left = Math.min(stride - 1, 2 * x);
      const right = Math.min(stride - 1, 2 * x + 1);
      data[y * width + x] =
        (source[top + left]! + source[top + right]! + source[bottom + left]! + source[bottom + right]!) / 4;
    }
  }
  return { width, height, data };
}

/** Sobel gradient per interior pixel, divided by 8 so a unit step between neighbours reads about 0.5. */
export function gradients(plane: Plane): { magnitude: Float32Array; angle: Float32Array } {
  const { width, height, data } = plane;
  const magnitude = new Float32Array(width * height);
  const angle = new Float32Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    let above = (y - 1) * width;
    let row = y * width;
    let below = (y + 1) * width;
    for (let x = 1; x < width - 1; x++, above++, row++, below++) {
      const topLeft = data[above]!;
      const top = data[above + 1]!;
      const topRight = data[above + 2]!;
      const left = data[row]!;
      const right = data[row + 2]!;
      const bottomLeft = data[below]!;
      const bottom = data[below + 1]!;
      const bottomRight = data[below + 2]!;
      const gx = (topRight + 2 * right + bottomRight - topLeft - 2 * left - bottomLeft) / 8;
      const gy = (bottomLeft + 2 * bottom + bottomRight - topLeft - 2 * top - topRight) / 8;
      const index = row + 1;
      const strength = Math.sqrt(gx * gx + gy * gy);
      magnitude[index] = strength;
      if (strength === 0) continue;
      // Orientation of the edge, folded into [0, π): a line and its reverse are the same line.
      let theta = Math.atan2(gy, gx);
      if (theta < 0) theta += Math.PI;
      angle[index] = theta >= Math.PI ? 0 : theta;
    }
  }
  return { magnitude, angle };
}
