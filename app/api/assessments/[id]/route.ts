import { findSwappedRepeats } from "@/lib/db/assessments";
import { defineRoute } from "@/lib/http/define-route";
import { toAssessmentJson, toSwappedRepeatJson } from "@/lib/server/assessments/assessment-json";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";
import { assessmentResponseSchema } from "@/lib/assessments/assessment-contract";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * GET /api/assessments/:id: the stored assessment (its output so far while it
 * runs), with the runs that repeated it with A and B swapped, newest first, so
 * the page can show the swap check's verdict again after a reload.
 */
export const GET = defineRoute(
  { access: "own-data", params: { id: "assessment" } },
  async ({ params, database, actor }) => {
    const assessment = await getReachableAssessment(database, actor, params.id);
    const swappedRepeats = await findSwappedRepeats(database, assessment);
    return jsonResponse(
      assessmentResponseSchema,
      { assessment: { ...toAssessmentJson(assessment), swappedRepeats: swappedRepeats.map(toSwappedRepeatJson) } },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
