import { createHash } from "node:crypto";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { makeFixtureImage } from "../__fixtures__/fixture-images";
import { cosineDistance, normalizeEmbedding } from "../embedding-math";
import { modelManifestSchema } from "../model-manifest";
import { preprocessImage } from "../preprocess";
import { computeSimilarityVote } from "../similarity-vote";
import { buildTestModel, testEmbeddingSize, testModelManifest } from "./build-test-model";

const model = buildTestModel();
const manifest = testModelManifest(model, createHash("sha256").update(model.bytes).digest("hex"));

async function embed(images: Float32Array[]): Promise<Float32Array[]> {
  const session = await InferenceSession.create(model.bytes);
  const batch = new Float32Array(images.length * images[0]!.length);
  images.forEach((image, index) => batch.set(image, index * image.length));
  const output = await session.run({ [model.inputName]: new Tensor("float32", batch, [images.length, 3, 224, 224]) });
  const result = output[model.outputName]!;
  expect(result.dims).toEqual([images.length, testEmbeddingSize]);
  const data = result.data as Float32Array;
  return images.map((_, index) => normalizeEmbedding(data.slice(index * testEmbeddingSize, (index + 1) * testEmbeddingSize), manifest.output.branches));
}

describe("the DreamSim test model", () => {
  it("is the same file every time, and its manifest is valid", () => {
    expect(Buffer.from(buildTestModel().bytes).equals(model.bytes)).toBe(true);
    expect(Buffer.from(buildTestModel(7).bytes).equals(model.bytes)).toBe(false);
    expect(modelManifestSchema.parse(manifest)).toEqual(manifest);
    expect(manifest.isTestModel).toBe(true);
  });

  it("runs in onnxruntime-node with a dynamic batch: [batch,3,224,224] in, [batch,96] out, the same row for the same image", async () => {
    const a = preprocessImage(makeFixtureImage(300, 200), manifest.input);
    const b = preprocessImage(makeFixtureImage(97, 61), manifest.input);
    const [alone] = await embed([a]);
    const [first, second, again] = await embed([a, b, a]);
    expect(Array.from(again!)).toEqual(Array.from(first!));
    for (let i = 0; i < testEmbeddingSize; i++) expect(first![i]).toBeCloseTo(alone![i]!, 5);
    expect(cosineDistance(first!, again!)).toBe(0);
    expect(cosineDistance(first!, second!)).toBeGreaterThan(0.001);
  });
});

describe("embedding post-processing and distance", () => {
  it("subtracts each branch's mean and L2-normalises it on its own", () => {
    const raw = Float32Array.from([1, 2, 3, 10, 10, 10, 10, 4]);
    const normalized = normalizeEmbedding(raw, [{ name: "first", size: 3 }, { name: "second", size: 5 }]);
    expect(Array.from(normalized.subarray(0, 3)).map((value) => Number(value.toFixed(6)))).toEqual([-0.707107, 0, 0.707107]);
    const second = normalized.subarray(3);
    expect(second.reduce((sum, value) => sum + value, 0)).toBeCloseTo(0, 6);
    expect(Math.hypot(...second)).toBeCloseTo(1, 6);
  });

  it("is 0 for identical embeddings, 1 for orthogonal ones, 2 for opposite ones", () => {
    const a = Float32Array.from([0.6, 0.8, 0]);
    expect(cosineDistance(a, Float32Array.from(a))).toBe(0);
    expect(cosineDistance(a, Float32Array.from([0.8, -0.6, 0]))).toBeCloseTo(1, 6);
    expect(cosineDistance(a, Float32Array.from([-0.6, -0.8, 0]))).toBeCloseTo(2, 6);
  });
});

describe("the similarity vote", () => {
  const unit = (...values: number[]) => Float32Array.from(values.map((value) => value / Math.hypot(...values)));
  const liked = [unit(1, 0, 0), unit(1, 0.1, 0)];
  const disliked = [unit(0, 1, 0), unit(0, 1, 0.2)];

  it("picks the candidate closer to the liked set and farther from the disliked set, and names the nearest of each", () => {
    const vote = computeSimilarityVote([unit(0.1, 1, 0), unit(1, 0.05, 0)], liked, disliked);
    expect(vote.answer).toBe("Image B");
    expect(vote.candidates[0].nearestDisliked).toBe(0);
    expect(vote.candidates[1].nearestLiked).toBe(1);
    expect(vote.candidates[1].liked).toHaveLength(2);
    expect(computeSimilarityVote([unit(1, 0.05, 0), unit(0.1, 1, 0)], liked, disliked).answer).toBe("Image A");
  });

  it("calls identical candidates a tie", () => {
    expect(computeSimilarityVote([unit(1, 1, 0), unit(1, 1, 0)], liked, disliked).answer).toBe("tie");
  });
});
