import "server-only";
import type { AssessmentInput, AssessmentProvider, PreparedAssessment } from "../assessment-provider";
import { ModelServerError } from "../model-server-error";
import type { CompletionEvent } from "../openai-compatible-stream";
import { assessByFeatures } from "./assess-by-features";
import { measureImage } from "./measure-image";
import { writePreferThinkerText } from "./write-preferthinker-text";

/** The name the baseline's assessments are stored under: never mistaken for PreferThinker. */
export const baselineModelName = "baseline-image-statistics";

/**
 * The built-in CPU assessor: measures the images, compares the candidates
 * with the references attribute by attribute, and writes its verdict in
 * PreferThinker's format, streamed line by line like a model's output.
 */
export class BaselineProvider implements AssessmentProvider {
  readonly kind = "baseline";
  readonly model = baselineModelName;

  /**
   * Never reused: the baseline computes an output on this machine in about
   * the time a kept one takes to read, and its rules change with the code,
   * not with a model a server reports.
   */
  describeRequest(): null {
    return null;
  }

  async prepare(input: AssessmentInput): Promise<PreparedAssessment> {
    return { stream: (signal) => this.run(input, signal) };
  }

  private async *run(input: AssessmentInput, signal: AbortSignal): AsyncGenerator<CompletionEvent> {
    const stopIfCancelled = () => {
      if (signal.aborted)
        throw signal.reason instanceof Error
          ? signal.reason
          : new ModelServerError("unavailable", "The assessment was cancelled.", false);
    };
    const measureAll = (images: AssessmentInput["preferred"]) => Promise.all(images.map(measureImage));
    const [preferred, nonPreferred, candidates] = [
      await measureAll(input.preferred),
      await measureAll(input.nonPreferred),
      await measureAll(input.candidates),
    ];
    stopIfCancelled();
    const text = writePreferThinkerText(assessByFeatures({ preferred, nonPreferred }, candidates), input.mode);
    for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      stopIfCancelled();
      yield { type: "delta", text: line };
      // Let the relay send each line as it comes, as it would a model's tokens.
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield { type: "finish", reason: "stop" };
  }
}
