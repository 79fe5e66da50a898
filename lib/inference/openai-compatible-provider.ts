import "server-only";
import sharp from "sharp";
import type { InferenceConfig } from "@/lib/config";
import { buildAssessmentRequest, type ImageSource } from "@/lib/preferthinker/request-builder";
import type { AssessmentInput, AssessmentProvider, PreparedAssessment, ProviderImage } from "./assessment-provider";
import { type ModelEndpoint, type RetryPolicy, streamCompletion } from "./openai-compatible-stream";

/** A model server that speaks the OpenAI chat API (vLLM, SGLang) as an assessor. */
export class OpenAiCompatibleProvider implements AssessmentProvider {
  readonly kind = "openai-compatible";

  constructor(
    private readonly endpoint: ModelEndpoint,
    readonly model: string,
    private readonly settings: Pick<InferenceConfig, "imageLongSide" | "timeouts"> & { retry?: Partial<RetryPolicy> },
  ) {}

  async prepare(input: AssessmentInput): Promise<PreparedAssessment> {
    const toSource = (image: ProviderImage) => downscaleForModel(image, this.settings.imageLongSide);
    const [preferred, nonPreferred, candidates] = await Promise.all([
      Promise.all(input.preferred.map(toSource)),
      Promise.all(input.nonPreferred.map(toSource)),
      Promise.all(input.candidates.map(toSource)),
    ]);
    const request = buildAssessmentRequest({ model: this.model, template: input.template, mode: input.mode, preferred, nonPreferred, candidates, stream: true });
    return { stream: (signal) => streamCompletion(this.endpoint, request, { signal, timeouts: this.settings.timeouts, retry: this.settings.retry }) };
  }
}

/**
 * Downscaled copies by content hash and size, most recently used last: a
 * person's references come back in assessment after assessment, and their
 * encoding should not delay each one's first token.
 */
const cacheLimitBytes = 64 * 1024 * 1024;
const cacheKey = Symbol.for("preferthinker-studio.model-images");
const holder = globalThis as { [cacheKey]?: { entries: Map<string, Uint8Array>; bytes: number } };
const cache = (holder[cacheKey] ??= { entries: new Map(), bytes: 0 });

function remember(key: string, bytes: Uint8Array): void {
  cache.entries.set(key, bytes);
  cache.bytes += bytes.byteLength;
  for (const [oldest, old] of cache.entries) {
    if (cache.bytes <= cacheLimitBytes) break;
    cache.entries.delete(oldest);
    cache.bytes -= old.byteLength;
  }
}

/** The image as the model gets it: JPEG, at most `longSide` pixels on its long side (never enlarged). */
export async function downscaleForModel(image: ProviderImage, longSide: number): Promise<ImageSource> {
  const key = `${image.sha256}:${longSide}`;
  const known = cache.entries.get(key);
  if (known) {
    cache.entries.delete(key);
    cache.entries.set(key, known);
    return { bytes: known, mediaType: "image/jpeg" };
  }
  const encoded = await sharp(image.bytes)
    .resize({ width: longSide, height: longSide, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 88 })
    .toBuffer();
  const bytes = new Uint8Array(encoded);
  if (!cache.entries.has(key)) remember(key, bytes);
  return { bytes, mediaType: "image/jpeg" };
}
