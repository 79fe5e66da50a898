import "server-only";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import type { AssessmentMode } from "@/lib/preferthinker/types";
import type { CompletionEvent } from "./openai-compatible-stream";

/**
 * What every assessor does, whether a GPU model server or the built-in CPU
 * baseline: take the references and candidates and stream text in the
 * PreferThinker format. The caller parses that text the same way for both,
 * so the UI, the checks and the stored results never depend on who wrote it.
 */

export type ProviderKind = "openai-compatible" | "baseline";

/**
 * One image as the assessor receives it: its hash (a cache key) and a way to
 * read its bytes. The bytes are read only when no cached copy serves: a
 * benchmark's references come back sample after sample, and reading a dozen
 * files per sample would sit in every request's path. `normalized` says the
 * bytes are the image library's normalised copy (JPEG, sRGB, upright, no
 * metadata) and how long its long side is, so it need not be inspected again.
 */
export type ProviderImage = { sha256: string; readBytes(): Promise<Uint8Array>; normalized?: { longSide: number } };

/** An image whose bytes are already in memory. */
export const imageInMemory = (sha256: string, bytes: Uint8Array): ProviderImage => ({
  sha256,
  readBytes: () => Promise.resolve(bytes),
});

export type AssessmentInput = {
  mode: AssessmentMode;
  template: PromptTemplate;
  preferred: ProviderImage[];
  nonPreferred: ProviderImage[];
  /** Two candidates (A, B), or one in single mode. */
  candidates: ProviderImage[];
  /**
   * Requests with the same key prefer the model replica that served the key
   * last (its prefix cache holds their common start): a simulated person's
   * samples. Unset: the references themselves are the key.
   */
  affinityKey?: string;
};

/** Where an output stands with the kept outputs (lib/inference/reuse-kept-outputs.ts): its request's key, and whether it was one kept rather than asked for. */
export type OutputReuse = { key: string; cached: boolean };

/** An assessment ready to run: its inputs are encoded, nothing has been sent yet. */
export type PreparedAssessment = {
  /** Streams the assessment's text; stopping `signal` stops the work (and closes any upstream connection). */
  stream(signal: AbortSignal): AsyncIterable<CompletionEvent>;
  /** Set when outputs are kept for reuse: under which key this one is (or will be) kept. */
  reuse?: OutputReuse;
};

export interface AssessmentProvider {
  readonly kind: ProviderKind;
  /** The model name stored with each assessment. */
  readonly model: string;
  /** Work that may happen while the assessment waits its turn (encoding images), so none of it delays the first token. */
  prepare(input: AssessmentInput): Promise<PreparedAssessment>;
  /**
   * The request exactly as it would be sent, each picture named by its
   * content hash instead of its bytes: two inputs with the same description
   * get the same output when decoding is greedy. Null when they may not
   * (sampling), so no output is reused.
   */
  describeRequest(input: AssessmentInput): string | null;
  /**
   * Whether this input's output is kept, so that preparing it reads no
   * picture and running it sends nothing to the model: only a provider that
   * reuses kept outputs answers it.
   */
  hasKeptOutput?(input: AssessmentInput): Promise<boolean>;
}
