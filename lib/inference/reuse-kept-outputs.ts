import "server-only";
import { createHash } from "node:crypto";
import type { AssessmentInput, AssessmentProvider, PreparedAssessment } from "./assessment-provider";
import type { CompletionEvent } from "./openai-compatible-stream";

/**
 * Outputs kept for reuse, as lm-eval's and inspect_ai's response caches
 * keep them: under greedy decoding a request that is byte for byte one
 * already answered gets the same output, so it is not sent again. The key
 * is the request as sent (template words, settings, pictures by content
 * hash and in their order) and the model as its server reports it, so a
 * changed setting, template, picture order or served model asks again.
 */

/** Where kept outputs are looked up (the database's model_response, the acting person's rows). */
export type KeptOutputs = { find(key: string): Promise<string | null> };

/** The key an output is kept under: the served model and the request's description, hashed. */
export function keptOutputKey(servedModel: string, requestDescription: string): string {
  return createHash("sha256").update(`${servedModel}\n${requestDescription}`).digest("hex");
}

/**
 * The provider, reusing kept outputs: a request with a kept output is
 * answered from it at once (and reads no picture); any other goes to the
 * provider, and its prepared assessment carries the key its output is to be
 * kept under. `fresh` asks the model every time (and still keeps the new
 * outputs, replacing the old).
 */
export function reuseKeptOutputs(
  provider: AssessmentProvider,
  options: { servedModel: string; kept: KeptOutputs; fresh: boolean },
): AssessmentProvider {
  // Outputs `hasKeptOutput` found, by key, until `prepare` takes them: a kept request is looked up once.
  const found = new Map<string, string>();
  const take = (key: string) => {
    const output = found.get(key);
    found.delete(key);
    return output;
  };
  return {
    kind: provider.kind,
    model: provider.model,
    describeRequest: (input) => provider.describeRequest(input),
    // A run asking for fresh outputs has none kept: it does not ask, so its lanes look nothing up before their turn.
    ...(options.fresh
      ? {}
      : {
          async hasKeptOutput(input: AssessmentInput): Promise<boolean> {
            const description = provider.describeRequest(input);
            if (description === null) return false;
            const key = keptOutputKey(options.servedModel, description);
            const output = await options.kept.find(key);
            if (output !== null) found.set(key, output);
            return output !== null;
          },
        }),
    async prepare(input: AssessmentInput): Promise<PreparedAssessment> {
      const description = provider.describeRequest(input);
      if (description === null) return provider.prepare(input);
      const key = keptOutputKey(options.servedModel, description);
      const output = options.fresh ? null : (take(key) ?? (await options.kept.find(key)));
      if (output !== null) return { stream: () => replay(output), reuse: { key, cached: true } };
      return { ...(await provider.prepare(input)), reuse: { key, cached: false } };
    },
  };
}

async function* replay(output: string): AsyncGenerator<CompletionEvent> {
  yield { type: "delta", text: output };
  yield { type: "finish", reason: "stop" };
}
