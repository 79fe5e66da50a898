import { route } from "@/lib/auth/route";
import { toAssessmentJson } from "@/lib/server/assessments/assessment-json";
import { getReachableAssessment } from "@/lib/server/assessments/get-reachable-assessment";

/** GET /api/assessments/:id: the stored assessment (its output so far while it runs). */
export const GET = route<"own-data", { id: string }>("own-data", async ({ params, database, actor }) => {
  return Response.json({ assessment: toAssessmentJson(await getReachableAssessment(database, actor, params.id)) }, { headers: { "Cache-Control": "no-store" } });
});
