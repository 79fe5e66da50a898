import { assessmentListQuerySchema, newAssessmentSchema } from "@/lib/assessments/assessment-contract";
import { readJsonBody, readSearchParams, route } from "@/lib/auth/route";
import { findAssessments } from "@/lib/db/assessments";
import { toEventStream } from "@/lib/inference/event-stream";
import { toListedAssessmentJson } from "@/lib/server/assessments/assessment-json";
import { startAssessment } from "@/lib/server/assessments/start-assessment";

/**
 * POST /api/assessments: starts an assessment and streams it as
 * Server-Sent Events. Bad input is a JSON error before any stream. Leaving
 * the stream does not stop the run (cancel does): follow it again with
 * GET /api/assessments/:id/events.
 */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, newAssessmentSchema);
  const { run } = await startAssessment(database, actor, body);
  return toEventStream(run.follow.bind(run), 0);
});

/**
 * GET /api/assessments?limit=20&before=<id>&mode=&model=&agreement=&issues=:
 * the caller's assessments, newest first, with their judgments.
 */
export const GET = route("own-data", async ({ request, database, actor }) => {
  const { limit, before, ...filters } = readSearchParams(request, assessmentListQuerySchema);
  const assessments = await findAssessments(database, actor.userId, { limit, beforeId: before }, filters);
  return Response.json(
    { assessments: assessments.map(toListedAssessmentJson) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
