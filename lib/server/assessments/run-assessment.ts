import "server-only";
import {
  type AssessmentRecord,
  finishAssessment,
  getAssessment,
  markAssessmentRunning,
  saveAssessmentOutput,
} from "@/lib/db/assessments";
import type { ImageRecord } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { getConfig } from "@/lib/config";
import { toAppError } from "@/lib/errors";
import { getImageLibrary } from "@/lib/images/image-library";
import { normalizedLongSide } from "@/lib/images/normalize-image";
import type { AssessmentRun } from "@/lib/inference/assessment-run";
import { retireRun } from "@/lib/inference/assessment-run";
import type { AssessmentProvider, ProviderImage } from "@/lib/inference/assessment-provider";
import { AssessmentStreamParser } from "@/lib/preferthinker/stream-parser";
import { ProgressSaver } from "./progress-saver";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import type { AssessmentMode, ParsedAssessment, ParseEvent } from "@/lib/preferthinker/types";
import type { EndedStatus } from "@/lib/assessments/assessment-events-contract";

const endedElsewhere = "This assessment was ended through another server of the installation before it finished here.";

/** The stored, normalised copy of an image, as assessors take it. */
export function readStoredImage(image: ImageRecord): ProviderImage {
  return {
    sha256: image.sha256,
    async readBytes() {
      const bytes = await getImageLibrary().store.readBytes(image.sha256, "normalized");
      if (!bytes) throw new Error(`The stored copy of image ${image.id} is missing.`);
      return bytes;
    },
    // The stored copy is the original shrunk (never enlarged) to the normalised long side.
    normalized: { longSide: Math.min(Math.max(image.width, image.height), normalizedLongSide) },
  };
}

/** Parser events as the API names them: text arrives as `delta` {text}; the rest keep their names. */
export function relayParseEvents(run: AssessmentRun, events: readonly ParseEvent[]): void {
  for (const event of events) {
    switch (event.type) {
      case "text":
        run.push("delta", { text: event.delta });
        break;
      case "block-start":
      case "block-end":
        run.push(event.type, { block: event.block, occurrence: event.occurrence });
        break;
      case "profile-attribute":
        run.push("profile-attribute", {
          side: event.side,
          profileIndex: event.profileIndex,
          attribute: event.attribute,
          value: event.value,
        });
        break;
      case "score":
        run.push("score", {
          image: event.image,
          attribute: event.attribute,
          score: event.score,
          rawScore: event.rawScore,
          rationale: event.rationale,
        });
        break;
      case "total":
        run.push("total", {
          image: event.image,
          stated: event.stated,
          addends: event.addends,
          expression: event.expression,
        });
        break;
      case "answer":
        run.push("answer", { text: event.text });
        break;
    }
  }
}

export type RunInput = {
  database: Database;
  assessment: AssessmentRecord;
  run: AssessmentRun;
  /** The place in the endpoint's queue, taken when the assessment was accepted. */
  admission: Promise<() => void>;
  provider: AssessmentProvider;
  template: PromptTemplate;
  images: { preferred: ImageRecord[]; nonPreferred: ImageRecord[]; candidates: ImageRecord[] };
};

/**
 * Runs one assessment to its end, whoever is watching: waits its turn,
 * streams the model's output through the parser, relays every event, saves
 * the output as it grows (at most every half second, never holding up the
 * relay) and the whole result at
 * the end. A failure keeps the partial output; a cancel aborts the upstream
 * request, which makes the model server stop.
 */
export async function runAssessment({
  database,
  assessment,
  run,
  admission,
  provider,
  template,
  images,
}: RunInput): Promise<void> {
  const started = performance.now();
  const mode = assessment.mode as AssessmentMode;
  const parser = new AssessmentStreamParser(mode);
  let output = "";
  let firstTokenMs: number | null = null;
  let usage: { promptTokens: number; completionTokens: number } | null = null;
  let progress: ProgressSaver | undefined;
  let release: (() => void) | undefined;
  let ended: ReturnType<AssessmentStreamParser["end"]> | undefined;
  const relay = (events: ReturnType<AssessmentStreamParser["feed"]>) => relayParseEvents(run, events);
  /** Writes the ending; answers the status the row ends with, which another instance may have written first. */
  const save = async (
    status: EndedStatus,
    reading: ParsedAssessment,
    error: { code: string; message: string } | null,
  ): Promise<EndedStatus> => {
    await progress?.settle();
    const written = await finishAssessment(database, assessment.id, {
      status,
      output,
      parsed: reading as unknown as object,
      issueCodes: reading.issues.map((issue) => issue.code),
      error,
      firstTokenMs,
      totalMs: Math.round(performance.now() - started),
      promptTokens: usage?.promptTokens ?? null,
      completionTokens: usage?.completionTokens ?? null,
    });
    if (written) return status;
    // Ended elsewhere meanwhile (a cancel through another instance, or the sweep after a lost lease): say how.
    const stored = (await getAssessment(database, assessment.id))?.status;
    return stored && stored !== "queued" && stored !== "running" ? stored : status;
  };
  try {
    const [preferred, nonPreferred, candidates] = await Promise.all([
      Promise.all(images.preferred.map(readStoredImage)),
      Promise.all(images.nonPreferred.map(readStoredImage)),
      Promise.all(images.candidates.map(readStoredImage)),
    ]);
    const prepared = await provider.prepare({ mode, template, preferred, nonPreferred, candidates });
    release = await admission;
    const queueWaitMs = Math.round(performance.now() - started);
    // Written beside the upstream request, not before it: the first token waits for no database.
    progress = new ProgressSaver(
      (text) => saveAssessmentOutput(database, assessment.id, text, getConfig().assessmentLeaseSeconds),
      markAssessmentRunning(database, assessment.id, queueWaitMs),
    );
    run.push("started", { queueWaitMs });
    for await (const event of prepared.stream(run.controller.signal)) {
      if (event.type === "usage")
        usage = { promptTokens: event.promptTokens, completionTokens: event.completionTokens };
      if (event.type !== "delta") continue;
      firstTokenMs ??= Math.round(performance.now() - started);
      output += event.text;
      relay(parser.feed(event.text));
      progress.offer(output);
    }
    ended = parser.end();
    const { events, assessment: reading } = ended;
    relay(events);
    for (const issue of reading.issues) run.push("issue", issue);
    const status = await save("completed", reading, null);
    if (status !== "completed") run.push("error", { code: "conflict", message: endedElsewhere });
    run.push("done", {
      status,
      timings: { queueWaitMs, firstTokenMs, totalMs: Math.round(performance.now() - started) },
      usage,
    });
  } catch (caught) {
    const error = toAppError(caught);
    const shown = { code: error.code, message: error.publicMessage };
    const status = await save(
      run.isCancelled ? "cancelled" : "failed",
      (ended ?? parser.end()).assessment,
      shown,
    ).catch((saveError: unknown) => {
      console.error("[assessments] could not save a failed run:", saveError);
      return run.isCancelled ? ("cancelled" as const) : ("failed" as const);
    });
    run.push("error", shown);
    run.push("done", { status, timings: { firstTokenMs, totalMs: Math.round(performance.now() - started) } });
  } finally {
    if (release) release();
    else {
      // Failed before its turn came: leave the queue, or give back a place granted meanwhile.
      run.controller.abort();
      admission.then(
        (granted) => granted(),
        () => {},
      );
    }
    run.finish();
    retireRun(assessment.id);
  }
}
