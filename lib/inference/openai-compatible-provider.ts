import "server-only";
import sharp from "sharp";
import type { InferenceConfig } from "@/lib/config";
import { outputRegex, type StructuredOutputServer, structuredOutputFields } from "@/lib/preferthinker/output-grammar";
import {
  type AssessmentRequestInput,
  buildAssessmentRequest,
  type ImageSource,
} from "@/lib/preferthinker/request-builder";
import type { AssessmentInput, AssessmentProvider, PreparedAssessment, ProviderImage } from "./assessment-provider";
import { createHash } from "node:crypto";
import type { RetryPolicy } from "./openai-compatible-stream";
import type { ReplicaRouter } from "./replica-router";
import { streamFromReplicas } from "./stream-from-replicas";

/** Where the requests go: an endpoint's replicas (one or more servers of the same model), and its key. */
export type ReplicaEndpoint = { router: ReplicaRouter; apiKey?: string };

/**
 * The request's references come before its candidates, so requests with the
 * same references in the same order share a prefix that vLLM's and SGLang's
 * prefix caches can skip: they are kept on one replica.
 */
const referenceKey = (input: AssessmentInput) =>
  createHash("sha256")
    .update(
      `${input.preferred.map((image) => image.sha256).join(",")}|${input.nonPreferred.map((image) => image.sha256).join(",")}`,
    )
    .digest("hex");

/** A model server that speaks the OpenAI chat API (vLLM, SGLang) as an assessor, over one or more replicas. */
export class OpenAiCompatibleProvider implements AssessmentProvider {
  readonly kind = "openai-compatible";

  constructor(
    private readonly endpoint: ReplicaEndpoint,
    readonly model: string,
    private readonly settings: Pick<InferenceConfig, "imageLongSide" | "timeouts"> & {
      retry?: Partial<RetryPolicy>;
      structuredFor?: StructuredOutputServer;
    },
  ) {}

  /**
   * The request for these inputs: the official one, with the output grammar
   * added when the endpoint asks for structured decoding (single mode has
   * no grammar, so it is sent as it is).
   */
  private buildRequest(
    input: AssessmentInput,
    sources: Pick<AssessmentRequestInput, "preferred" | "nonPreferred" | "candidates">,
  ) {
    const request = buildAssessmentRequest({
      model: this.model,
      template: input.template,
      mode: input.mode,
      ...sources,
      stream: true,
    });
    const server = this.settings.structuredFor;
    if (!server || input.mode === "single") return request;
    return { ...request, ...structuredOutputFields(server, outputRegex(input.mode)) };
  }

  describeRequest(input: AssessmentInput): string | null {
    // Each picture by its hash: the bytes sent are its downscaled copy at imageLongSide, a function of the two.
    const named = (image: ProviderImage): ImageSource => ({ url: `data:image/sha256,${image.sha256}` });
    const request = this.buildRequest(input, {
      preferred: input.preferred.map(named),
      nonPreferred: input.nonPreferred.map(named),
      candidates: input.candidates.map(named),
    });
    if (!isGreedy(request)) return null;
    return JSON.stringify({ request, imageLongSide: this.settings.imageLongSide, encoding: pictureEncoding });
  }

  async prepare(input: AssessmentInput): Promise<PreparedAssessment> {
    const toSource = (image: ProviderImage) => downscaleForModel(image, this.settings.imageLongSide);
    const [preferred, nonPreferred, candidates] = await Promise.all([
      Promise.all(input.preferred.map(toSource)),
      Promise.all(input.nonPreferred.map(toSource)),
      Promise.all(input.candidates.map(toSource)),
    ]);
    const request = this.buildRequest(input, { preferred, nonPreferred, candidates });
    const affinityKey = input.affinityKey ?? referenceKey(input);
    return {
      stream: (signal) =>
        streamFromReplicas(this.endpoint.router, this.endpoint.apiKey, request, {
          signal,
          timeouts: this.settings.timeouts,
          retry: this.settings.retry,
          affinityKey,
        }),
    };
  }
}

/** How a picture's bytes are made from its original (downscaleForModel): part of what a kept output answered. Change it with the encoding. */
const pictureEncoding = "jpeg q88 inside, sharp";

/** Greedy decoding (temperature 0, or only the likeliest token): the same request gives the same output. */
const isGreedy = (request: { temperature: number; top_k?: number }) => request.temperature === 0 || request.top_k === 1;

/**
 * Downscaled copies by content hash and size, kept as the data URLs the
 * request carries, most recently used last: a person's references come back
 * in assessment after assessment (and a benchmark's in sample after sample),
 * and neither their encoding nor their base64 should delay each one's
 * request.
 */
const cacheLimitBytes = 64 * 1024 * 1024;
const cacheKey = Symbol.for("preferthinker-studio.model-image-urls");
const holder = globalThis as { [cacheKey]?: { entries: Map<string, string>; bytes: number } };
const cache = (holder[cacheKey] ??= { entries: new Map(), bytes: 0 });

function remember(key: string, url: string): void {
  cache.entries.set(key, url);
  cache.bytes += url.length;
  for (const [oldest, old] of cache.entries) {
    if (cache.bytes <= cacheLimitBytes) break;
    cache.entries.delete(oldest);
    cache.bytes -= old.length;
  }
}

/** The image as the model gets it: JPEG, at most `longSide` pixels on its long side (never enlarged), as a data URL. */
export async function downscaleForModel(image: ProviderImage, longSide: number): Promise<ImageSource> {
  const key = `${image.sha256}:${longSide}`;
  const known = cache.entries.get(key);
  if (known) {
    cache.entries.delete(key);
    cache.entries.set(key, known);
    return { url: known };
  }
  const bytes = await image.readBytes();
  const isSendable = image.normalized ? image.normalized.longSide <= longSide : await isSendableAsIs(bytes, longSide);
  const encoded = isSendable
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : await sharp(bytes)
        .resize({ width: longSide, height: longSide, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 88 })
        .toBuffer();
  const url = `data:image/jpeg;base64,${encoded.toString("base64")}`;
  if (!cache.entries.has(key)) remember(key, url);
  return { url };
}

/**
 * A plain sRGB JPEG already within the size, upright, as the library's
 * normalised copies are: encoding it again would only cost time and
 * another generation of JPEG loss. Only its header is read.
 */
async function isSendableAsIs(bytes: Uint8Array, longSide: number): Promise<boolean> {
  const { format, width, height, orientation, space, channels } = await sharp(bytes).metadata();
  return (
    format === "jpeg" &&
    width <= longSide &&
    height <= longSide &&
    (orientation ?? 1) === 1 &&
    space === "srgb" &&
    channels === 3
  );
}
