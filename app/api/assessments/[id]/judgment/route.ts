import { idempotencyKeySchema, judgmentBodySchema } from "@/lib/assessments/judgment-contract";
import { readJsonBody, route } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { judgeAssessment } from "@/lib/server/judgments/judge-assessment";
import { toJudgmentJson } from "@/lib/server/judgments/judgment-json";

/**
 * PUT /api/assessments/:id/judgment {choice, disagreements} with an
 * Idempotency-Key header: the owner's verdict on a finished A/B assessment.
 * 201 when first judged; 200 for a retry (the stored judgment, nothing
 * written) or a changed mind (a new key replaces the choice).
 */
export const PUT = route<"own-data", { id: string }>("own-data", async ({ request, params, database, actor }) => {
  const key = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? "");
  if (!key.success)
    throw new AppError(
      "bad_request",
      `Idempotency-Key: ${request.headers.has("idempotency-key") ? key.error.issues[0]!.message : "is required"}`,
    );
  const body = await readJsonBody(request, judgmentBodySchema);
  const { assessment, judgment, outcome } = await judgeAssessment(database, actor, params.id, key.data, body);
  return Response.json(
    { judgment: toJudgmentJson(judgment, assessment.parsed) },
    { status: outcome === "created" ? 201 : 200 },
  );
});
