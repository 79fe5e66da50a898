import {
  assessmentListQuerySchema,
  newAssessmentSchema,
  assessmentPageSchema,
} from "@/lib/assessments/assessment-contract";
import { findAssessments } from "@/lib/db/assessments";
import { defineRoute } from "@/lib/http/define-route";
import { toEventStream } from "@/lib/inference/event-stream";
import { toListedAssessmentJson } from "@/lib/server/assessments/assessment-json";
import { startAssessment } from "@/lib/server/assessments/start-assessment";
import { assertTakingNewWork } from "@/lib/server/drain";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * POST /api/assessments: starts an assessment and streams it as
 * Server-Sent Events. Bad input is a JSON error before any stream. Leaving
 * the stream does not stop the run (cancel does): follow it again with
 * GET /api/assessments/:id/events. A draining instance refuses new ones (503).
 */
export const POST = defineRoute(
  { access: "own-data", body: newAssessmentSchema },
  async ({ body, database, actor }) => {
    assertTakingNewWork();
    const { run } = await startAssessment(database, actor, body);
    return toEventStream(run.follow.bind(run), 0);
  },
);

/**
 * GET /api/assessments?limit=20&before=<id>&mode=&model=&agreement=&issues=:
 * the caller's assessments, newest first, with their judgments.
 */
export const GET = defineRoute(
  { access: "own-data", query: assessmentListQuerySchema },
  async ({ query, database, actor }) => {
    const { limit, before, ...filters } = query;
    const assessments = await findAssessments(database, actor.userId, { limit, beforeId: before }, filters);
    return jsonResponse(
      assessmentPageSchema,
      { assessments: assessments.map(toListedAssessmentJson) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
