import { route } from "@/lib/auth/route";
import { findSwappedRepeats } from "@/lib/db/assessments";
import { toAssessmentJson, toSwappedRepeatJson } from "@/lib/server/assessments/assessment-json";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";

/**
 * GET /api/assessments/:id: the stored assessment (its output so far while it
 * runs), with the runs that repeated it with A and B swapped, newest first, so
 * the page can show the swap check's verdict again after a reload.
 */
export const GET = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  const assessment = await getReachableAssessment(database, actor, params.id);
  const swappedRepeats = await findSwappedRepeats(database, assessment);
  return Response.json(
    { assessment: { ...toAssessmentJson(assessment), swappedRepeats: swappedRepeats.map(toSwappedRepeatJson) } },
    { headers: { "Cache-Control": "no-store" } },
  );
});
