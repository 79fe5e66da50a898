import { InferenceSession, Tensor } from "onnxruntime-node";
import sharp from "sharp";
import { fixtureSizes, makeFixtureImage } from "../../lib/dreamsim/__fixtures__/fixture-images";
import type { ModelManifest } from "../../lib/dreamsim/model-manifest";
import { preprocessImage } from "../../lib/dreamsim/preprocess";
import { buildTestModel } from "../../lib/dreamsim/test-model/build-test-model";

export type FixturePng = { name: string; mimeType: string; buffer: Buffer };

/** The fixed test pictures as PNG files (lossless, no colour profile: browsers and sharp decode the same pixels). */
export async function makeFixturePngs(): Promise<FixturePng[]> {
  return Promise.all(
    fixtureSizes.map(async ([width, height]) => {
      const image = makeFixtureImage(width, height);
      return {
        name: `fixture-${width}x${height}.png`,
        mimeType: "image/png",
        buffer: await sharp(Buffer.from(image.data), { raw: { width, height, channels: 3 } })
          .png()
          .toBuffer(),
      };
    }),
  );
}

/** The test model's raw outputs, computed in Node with onnxruntime-node, on the same pre-processing of the same files. */
export async function computeReferenceEmbeddings(
  manifest: ModelManifest,
  pngs: FixturePng[],
): Promise<Map<string, { raw: number[]; inputSum: number }>> {
  const session = await InferenceSession.create(buildTestModel().bytes);
  const out = new Map<string, { raw: number[]; inputSum: number }>();
  for (const png of pngs) {
    const { data, info } = await sharp(png.buffer).raw().toBuffer({ resolveWithObject: true });
    const input = preprocessImage(
      { width: info.width, height: info.height, channels: info.channels as 3 | 4, data: new Uint8Array(data) },
      manifest.input,
    );
    const { size } = manifest.input;
    const result = await session.run({ [manifest.input.name]: new Tensor("float32", input, [1, 3, size, size]) });
    out.set(png.name, {
      raw: Array.from(result[manifest.output.name]!.data as Float32Array),
      inputSum: input.reduce((sum, value) => sum + value, 0),
    });
  }
  await session.release();
  return out;
}

/** max |a - b| / max |b|: the error relative to the reference's scale (element-wise ratios blow up near zero). */
export function relativeError(actual: number[], reference: number[]): number {
  let worst = 0;
  let scale = 0;
  reference.forEach((value, index) => {
    worst = Math.max(worst, Math.abs(actual[index]! - value));
    scale = Math.max(scale, Math.abs(value));
  });
  return worst / scale;
}
