import { hasAssessmentEvents } from "@/lib/db/assessment-leases";
import { defineRoute } from "@/lib/http/define-route";
import { getRun } from "@/lib/inference/assessment-run";
import { readLastEventId, toEventStream } from "@/lib/inference/event-stream";
import { followJournal, isUnfinished } from "@/lib/server/assessments/live-assessments";
import { replayStoredAssessment } from "@/lib/server/assessments/replay-stored-assessment";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";

/**
 * GET /api/assessments/:id/events: the assessment's events after
 * Last-Event-ID, then the rest as they happen, whichever instance runs it
 * (another instance's run is followed through its journal, with the same
 * ids). A run that ended a while ago is replayed from what was stored, from
 * the start.
 */
export const GET = defineRoute(
  { access: "own-data", params: { id: "assessment" } },
  async ({ request, params, database, actor }) => {
    const assessment = await getReachableAssessment(database, actor, params.id);
    const run = getRun(assessment.id);
    if (run) return toEventStream(run.follow.bind(run), readLastEventId(request));
    if (
      database.kind === "postgres" &&
      (isUnfinished(assessment.status) || (await hasAssessmentEvents(database, assessment.id)))
    ) {
      return toEventStream(followJournal(database, assessment.id), readLastEventId(request));
    }
    const replay = replayStoredAssessment(assessment);
    return toEventStream(replay.follow.bind(replay), 0);
  },
);
