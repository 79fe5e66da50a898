import { defineRoute } from "@/lib/http/define-route";
import { getRun } from "@/lib/inference/assessment-run";
import { readLastEventId, toEventStream } from "@/lib/inference/event-stream";
import { replayStoredAssessment } from "@/lib/server/assessments/replay-stored-assessment";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";

/**
 * GET /api/assessments/:id/events: the assessment's events after
 * Last-Event-ID, then the rest as they happen. A run that ended a while ago
 * is replayed from what was stored, from the start.
 */
export const GET = defineRoute(
  { access: "own-data", params: { id: "assessment" } },
  async ({ request, params, database, actor }) => {
    const assessment = await getReachableAssessment(database, actor, params.id);
    const run = getRun(assessment.id);
    if (run) return toEventStream(run.follow.bind(run), readLastEventId(request));
    const replay = replayStoredAssessment(assessment);
    return toEventStream(replay.follow.bind(replay), 0);
  },
);
