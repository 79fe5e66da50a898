import { requestAssessmentCancel } from "@/lib/db/assessment-leases";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { getRun } from "@/lib/inference/assessment-run";
import { ModelServerError } from "@/lib/inference/model-server-error";
import { assessmentCancelChannel } from "@/lib/server/assessments/live-assessments";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";

/**
 * POST /api/assessments/:id/cancel: stops a queued or running assessment,
 * whichever instance runs it; the model server stops generating.
 */
export const POST = defineRoute(
  { access: "own-data", params: { id: "assessment" } },
  async ({ params, database, actor }) => {
    const assessment = await getReachableAssessment(database, actor, params.id);
    const ended = () => new AppError("conflict", `This assessment has already ended (${assessment.status}).`);
    const run = getRun(assessment.id);
    if (run) {
      if (run.isFinished) throw ended();
      run.cancel(new ModelServerError("unavailable", "The assessment was cancelled.", false));
      return new Response(null, { status: 202 });
    }
    // Another instance runs it: record the request and wake that instance.
    const outcome = await requestAssessmentCancel(database, assessment.id);
    if (outcome === "ended") throw ended();
    if (outcome === "requested") await database.notify(assessmentCancelChannel, assessment.id);
    return new Response(null, { status: 202 });
  },
);
