import "server-only";
import { assessmentEventSchemas, endedStatuses, type EndedStatus } from "@/lib/assessments/assessment-events-contract";
import type { AssessmentRecord } from "@/lib/db/assessments";
import { AssessmentRun } from "@/lib/inference/assessment-run";
import { AssessmentStreamParser } from "@/lib/preferthinker/stream-parser";
import type { AssessmentMode } from "@/lib/preferthinker/types";
import { relayParseEvents } from "./run-assessment";

const hasEnded = (status: string): status is EndedStatus => (endedStatuses as readonly string[]).includes(status);

/** What a failed or cancelled row says went wrong; rows written before errors were stored get a plain reason. */
function storedError(assessment: AssessmentRecord): { code: string; message: string } | null {
  if (assessment.status === "completed") return null;
  const parsed = assessmentEventSchemas.error.safeParse(assessment.error);
  if (parsed.success) return parsed.data;
  return assessment.status === "cancelled"
    ? { code: "cancelled", message: "The assessment was cancelled." }
    : { code: "unavailable", message: "The assessment did not finish." };
}

/**
 * The events of a stored assessment, rebuilt from its output: the same kinds
 * a live run sends. A row that ended (completed, failed, cancelled, or marked
 * failed because a restart interrupted it) ends with its `done`; a row still
 * queued or running whose run this process does not hold is replayed as far
 * as its saved output goes, without a `done`, so the page follows it again.
 */
export function replayStoredAssessment(assessment: AssessmentRecord): AssessmentRun {
  const run = new AssessmentRun();
  run.push("created", {
    assessmentId: assessment.id,
    provider: assessment.provider,
    endpoint: assessment.endpoint,
    model: assessment.model,
  });
  if (assessment.status !== "queued") run.push("started", { queueWaitMs: assessment.queueWaitMs });
  const parser = new AssessmentStreamParser(assessment.mode as AssessmentMode);
  relayParseEvents(run, parser.feed(assessment.output));
  if (hasEnded(assessment.status)) {
    const { events, assessment: reading } = parser.end();
    relayParseEvents(run, events);
    for (const issue of reading.issues) run.push("issue", issue);
    const error = storedError(assessment);
    if (error) run.push("error", error);
    run.push("done", {
      status: assessment.status,
      timings: {
        queueWaitMs: assessment.queueWaitMs,
        firstTokenMs: assessment.firstTokenMs,
        totalMs: assessment.totalMs,
      },
      usage:
        assessment.promptTokens !== null && assessment.completionTokens !== null
          ? { promptTokens: assessment.promptTokens, completionTokens: assessment.completionTokens }
          : null,
    });
  }
  run.finish();
  return run;
}
