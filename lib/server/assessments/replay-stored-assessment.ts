import "server-only";
import type { AssessmentRecord } from "@/lib/db/assessments";
import { AssessmentRun } from "@/lib/inference/assessment-run";
import { AssessmentStreamParser } from "@/lib/preferthinker/stream-parser";
import type { AssessmentMode } from "@/lib/preferthinker/types";
import { relayParseEvents } from "./run-assessment";

/** The events of a stored assessment, rebuilt from its output: the same kinds a live run sends. */
export function replayStoredAssessment(assessment: AssessmentRecord): AssessmentRun {
  const run = new AssessmentRun();
  run.push("created", {
    assessmentId: assessment.id,
    provider: assessment.provider,
    endpoint: assessment.endpoint,
    model: assessment.model,
  });
  run.push("started", { queueWaitMs: assessment.queueWaitMs });
  const parser = new AssessmentStreamParser(assessment.mode as AssessmentMode);
  const relay = (events: ReturnType<AssessmentStreamParser["feed"]>) => relayParseEvents(run, events);
  relay(parser.feed(assessment.output));
  const { events, assessment: reading } = parser.end();
  relay(events);
  for (const issue of reading.issues) run.push("issue", issue);
  if (assessment.error) run.push("error", assessment.error);
  run.push("done", {
    status: assessment.status,
    timings: {
      queueWaitMs: assessment.queueWaitMs,
      firstTokenMs: assessment.firstTokenMs,
      totalMs: assessment.totalMs,
    },
  });
  run.finish();
  return run;
}
