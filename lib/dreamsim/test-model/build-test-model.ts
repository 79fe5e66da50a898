import { imagenetNormalization, type ModelManifest } from "../model-manifest";
import { encodeOnnxModel, type GraphNode, type Initializer } from "./onnx-writer";

/**
 * The project's TEST model: a deterministic random-weight network with
 * DreamSim's input and output contract (pixels [batch,3,224,224] float32 in,
 * an embedding [batch,D] out), so the whole browser path (download, hash
 * check, both backends, caching, distances) runs without DreamSim's weights,
 * which cannot be downloaded here. Its distances mean nothing about
 * perception.
 *
 * Shape, like a tiny ViT without attention: a 16x16 patch embedding (Conv,
 * stride 16), tanh, a per-patch 1x1 mixing layer, tanh, the mean over
 * patches, then a linear projection.
 */

export const testModelVariant = "test-random-patch-net";
export const testModelFileName = "dreamsim-test-model.onnx";

const inputSize = 224;
const patchSize = 16;
const patchChannels = 32;
const mixedChannels = 64;
export const testEmbeddingSize = 96;

/** mulberry32: small, fast and the same everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform weights with variance 1/fanIn, so activations stay near unit scale through tanh. */
function weights(random: () => number, count: number, fanIn: number): Float32Array {
  const bound = Math.sqrt(3 / fanIn);
  return Float32Array.from({ length: count }, () => (random() * 2 - 1) * bound);
}

export type TestModel = { bytes: Uint8Array; inputName: string; outputName: string; embeddingSize: number };

/** Builds the test model's .onnx bytes; the same seed always gives the same bytes. */
export function buildTestModel(seed = 20260411): TestModel {
  const random = seededRandom(seed);
  const patchFanIn = 3 * patchSize * patchSize;
  const initializers: Initializer[] = [
    { name: "patch_weight", dims: [patchChannels, 3, patchSize, patchSize], values: weights(random, patchChannels * patchFanIn, patchFanIn) },
    { name: "patch_bias", dims: [patchChannels], values: weights(random, patchChannels, 4) },
    { name: "mix_weight", dims: [mixedChannels, patchChannels, 1, 1], values: weights(random, mixedChannels * patchChannels, patchChannels) },
    { name: "mix_bias", dims: [mixedChannels], values: weights(random, mixedChannels, 4) },
    { name: "head_weight", dims: [testEmbeddingSize, mixedChannels], values: weights(random, testEmbeddingSize * mixedChannels, mixedChannels) },
    { name: "head_bias", dims: [testEmbeddingSize], values: weights(random, testEmbeddingSize, 4) },
  ];
  const nodes: GraphNode[] = [
    { name: "patch_embed", opType: "Conv", inputs: ["pixels", "patch_weight", "patch_bias"], outputs: ["patches"], attributes: [{ name: "kernel_shape", ints: [patchSize, patchSize] }, { name: "strides", ints: [patchSize, patchSize] }] },
    { name: "patch_act", opType: "Tanh", inputs: ["patches"], outputs: ["patches_act"] },
    { name: "mix", opType: "Conv", inputs: ["patches_act", "mix_weight", "mix_bias"], outputs: ["mixed"], attributes: [{ name: "kernel_shape", ints: [1, 1] }] },
    { name: "mix_act", opType: "Tanh", inputs: ["mixed"], outputs: ["mixed_act"] },
    { name: "pool", opType: "GlobalAveragePool", inputs: ["mixed_act"], outputs: ["pooled"] },
    { name: "flatten", opType: "Flatten", inputs: ["pooled"], outputs: ["features"], attributes: [{ name: "axis", int: 1 }] },
    { name: "head", opType: "Gemm", inputs: ["features", "head_weight", "head_bias"], outputs: ["embedding"], attributes: [{ name: "transB", int: 1 }] },
  ];
  const bytes = encodeOnnxModel({
    producerName: "preferthinker-studio test model",
    docString: "TEST MODEL: random weights with DreamSim's input/output contract. Not DreamSim; its distances mean nothing.",
    opsetVersion: 17,
    metadata: { variant: testModelVariant, seed: String(seed) },
    graph: {
      name: testModelVariant,
      nodes,
      initializers,
      inputs: [{ name: "pixels", shape: ["batch", 3, inputSize, inputSize] }],
      outputs: [{ name: "embedding", shape: ["batch", testEmbeddingSize] }],
    },
  });
  return { bytes, inputName: "pixels", outputName: "embedding", embeddingSize: testEmbeddingSize };
}

/** The manifest for the test model's bytes (their sha256 computed by the caller). */
export function testModelManifest(model: TestModel, sha256: string): ModelManifest {
  return {
    format: 1,
    variant: testModelVariant,
    isTestModel: true,
    precision: "fp32",
    input: { name: model.inputName, size: inputSize, normalization: imagenetNormalization },
    output: { name: model.outputName, branches: [{ name: "test", size: model.embeddingSize }] },
    file: testModelFileName,
    bytes: model.bytes.length,
    sha256,
  };
}
