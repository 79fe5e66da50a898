import { fillTemplate, type PromptTemplate } from "./templates/template-schema";
import type { AssessmentMode, ImageLabel } from "./types";

/**
 * Builds the OpenAI-compatible chat-completions request for one assessment
 * (PROTOCOL.md §2): a system message, then one user message whose text and
 * image parts follow the official order.
 */

/** An image as a URL (http(s) or data:) or as bytes with their media type. */
export type ImageSource = { url: string } | { bytes: Uint8Array; mediaType: string };

export type ContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

export type ChatMessage = { role: "system"; content: string } | { role: "user"; content: ContentPart[] };

/** The official evaluation's generation settings (parity); every one can be overridden. */
export type GenerationSettings = {
  temperature: number;
  repetition_penalty: number;
  max_tokens: number;
  chat_template_kwargs: { add_vision_id: boolean } & Record<string, unknown>;
  top_p?: number;
  top_k?: number;
  seed?: number;
};

export const officialGenerationSettings: GenerationSettings = {
  temperature: 0,
  repetition_penalty: 1.15,
  max_tokens: 4096,
  chat_template_kwargs: { add_vision_id: true },
};

export type ChatCompletionRequest = GenerationSettings & {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage: boolean };
};

export type AssessmentRequestInput = {
  model: string;
  template: PromptTemplate;
  mode?: AssessmentMode;
  preferred: ImageSource[];
  nonPreferred: ImageSource[];
  /** Two candidates (A, B), or one in single mode. */
  candidates: ImageSource[];
  /** References used per side, the first ones given; the official evaluation uses 5. */
  history?: number;
  settings?: Partial<GenerationSettings>;
  stream?: boolean;
};

export class RequestBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestBuildError";
  }
}

/** Base64 without Node's Buffer, so browsers and servers share it. */
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** The URL sent for an image: as given, or bytes as a data URL. */
function toImageUrl(image: ImageSource): string {
  if ("url" in image) {
    if (!/^(https?:|data:image\/)/i.test(image.url))
      throw new RequestBuildError(`An image URL must be http(s) or a data:image URL, not ${image.url.slice(0, 40)}`);
    return image.url;
  }
  if (!/^image\/[\w.+-]+$/.test(image.mediaType))
    throw new RequestBuildError(`Not an image media type: ${image.mediaType}`);
  return `data:${image.mediaType};base64,${toBase64(image.bytes)}`;
}

const text = (value: string): ContentPart => ({ type: "text", text: value });
const image = (source: ImageSource): ContentPart => ({ type: "image_url", image_url: { url: toImageUrl(source) } });

export function buildAssessmentRequest(input: AssessmentRequestInput): ChatCompletionRequest {
  const mode = input.mode ?? "reasoning";
  const history = input.history ?? 5;
  if (!Number.isInteger(history) || history < 1)
    throw new RequestBuildError(`history must be a whole number of at least 1, not ${history}`);
  const wanted = mode === "single" ? 1 : 2;
  if (input.candidates.length !== wanted) {
    throw new RequestBuildError(
      `${mode} mode takes ${wanted === 1 ? "one candidate image" : "two candidate images (A and B)"}; got ${input.candidates.length}`,
    );
  }
  if (input.preferred.length === 0 || input.nonPreferred.length === 0) {
    throw new RequestBuildError("At least one preferred and one non-preferred reference image are needed.");
  }
  const preferred = input.preferred.slice(0, history);
  const nonPreferred = input.nonPreferred.slice(0, history);
  const words = input.template.modes[mode];
  const labels: ImageLabel[] = ["A", "B"];

  const content: ContentPart[] = [
    text(fillTemplate(words.preferenceIntro, { preferredCount: preferred.length })),
    ...preferred.flatMap((source, index) => [
      text(fillTemplate(words.preferredLabel, { index: index + 1 })),
      image(source),
    ]),
    text(fillTemplate(words.nonPreferenceIntro, { nonPreferredCount: nonPreferred.length })),
    ...nonPreferred.flatMap((source, index) => [
      text(fillTemplate(words.nonPreferredLabel, { index: index + 1 })),
      image(source),
    ]),
    text(words.candidatesIntro),
    ...input.candidates.flatMap((source, index) => [
      text(fillTemplate(words.candidateLabel, { label: labels[index]! })),
      image(source),
    ]),
    text(words.instructions),
  ];

  const settings = { ...officialGenerationSettings, ...input.settings };
  return {
    model: input.model,
    messages: [
      { role: "system", content: words.system },
      { role: "user", content },
    ],
    ...settings,
    chat_template_kwargs: {
      ...officialGenerationSettings.chat_template_kwargs,
      ...input.settings?.chat_template_kwargs,
    },
    ...(input.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}
