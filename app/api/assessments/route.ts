import { z } from "zod";
import { newAssessmentSchema } from "@/lib/assessments/assessment-schemas";
import { readJsonBody, route } from "@/lib/auth/route";
import { findAssessments } from "@/lib/db/assessments";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";
import { toEventStream } from "@/lib/inference/event-stream";
import { toAssessmentJson } from "@/lib/server/assessments/assessment-json";
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

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: z.string().optional() });

/** GET /api/assessments?limit=20&before=<id>: the caller's assessments, newest first. */
export const GET = route("own-data", async ({ request, database, actor }) => {
  const query = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success || (query.data.before && !isUuid(query.data.before))) throw new AppError("bad_request", "limit is 1-100; before is an assessment id");
  const assessments = await findAssessments(database, actor.userId, { limit: query.data.limit, beforeId: query.data.before });
  return Response.json({ assessments: assessments.map(toAssessmentJson) }, { headers: { "Cache-Control": "no-store" } });
});
