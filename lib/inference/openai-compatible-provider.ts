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

/** The image as the model gets it: JPEG, at most `longSide` pixels on its long side (never enlarged). */
export async function downscaleForModel(image: ProviderImage, longSide: number): Promise<ImageSource> {
  const bytes = await sharp(image.bytes)
    .resize({ width: longSide, height: longSide, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 88 })
    .toBuffer();
  return { bytes: new Uint8Array(bytes), mediaType: "image/jpeg" };
}
