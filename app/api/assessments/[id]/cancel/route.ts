import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { getRun } from "@/lib/inference/assessment-run";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";
import { ModelServerError } from "@/lib/inference/model-server-error";

/** POST /api/assessments/:id/cancel: stops a queued or running assessment; the model server stops generating. */
export const POST = defineRoute(
  { access: "own-data", params: { id: "assessment" } },
  async ({ params, database, actor }) => {
    const assessment = await getReachableAssessment(database, actor, params.id);
    const run = getRun(assessment.id);
    if (!run || run.isFinished)
      throw new AppError("conflict", `This assessment has already ended (${assessment.status}).`);
    run.cancel(new ModelServerError("unavailable", "The assessment was cancelled.", false));
    return new Response(null, { status: 202 });
  },
);
