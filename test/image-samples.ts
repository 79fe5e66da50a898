import { crc32 } from "node:zlib";
import sharp from "sharp";

/** Images and not-images for upload tests, made here rather than downloaded. */

export const makeJpeg = (width = 64, height = 48, options: { seed?: number } = {}) =>
  sharp({ create: { width, height, channels: 3, background: { r: (options.seed ?? 40) % 256, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();

export const makePng = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();

/** A PNG whose header declares a size far larger than its few bytes. */
export function makeDeclaredHugePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export async function makeAnimatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    ["#ff0000", "#00ff00", "#0000ff"].map((colour) =>
      sharp({ create: { width: 32, height: 32, channels: 3, background: colour } })
        .raw()
        .toBuffer(),
    ),
  );
  return sharp(Buffer.concat(frames), { raw: { width: 32, height: 32 * 3, channels: 3, pageHeight: 32 } as never })
    .gif({ loop: 0, delay: [100, 100, 100] })
    .toBuffer();
}

export const makeCmykJpeg = () =>
  sharp({ create: { width: 40, height: 40, channels: 3, background: "#ff8800" } })
    .toColourspace("cmyk")
    .jpeg()
    .toBuffer();

export const makeSixteenBitPng = () =>
  sharp({ create: { width: 40, height: 40, channels: 3, background: "#808080" } })
    .toColourspace("rgb16")
    .png()
    .toBuffer();

/** Fully transparent: flattened onto white it must come out white. */
export const makeTransparentPng = () =>
  sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .png()
    .toBuffer();

/** 200 wide and 100 high as stored, with EXIF orientation 6: upright it is 100 x 200. */
export const makeRotatedJpeg = () =>
  sharp({ create: { width: 200, height: 100, channels: 3, background: "#22aa22" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();

export const makeGpsJpeg = () =>
  sharp({ create: { width: 40, height: 40, channels: 3, background: "#aa2222" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "Phone", Model: "Secret Model" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .toBuffer();

export const svgWithScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
);
export const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
export const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
export const text = Buffer.from("just some words, not a picture\n");

/** A real GIF that is also an HTML page: the image decoder accepts it, so serving must not let a browser run it. */
export async function makePolyglot(): Promise<Buffer> {
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000000" } })
    .gif()
    .toBuffer();
  return Buffer.concat([gif, Buffer.from("<html><script>alert(document.cookie)</script></html>")]);
}
