import { idempotencyKeySchema, judgmentBodySchema, judgmentResponseSchema } from "@/lib/assessments/judgment-contract";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { judgeAssessment } from "@/lib/server/judgments/judge-assessment";
import { toJudgmentJson } from "@/lib/server/judgments/judgment-json";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * PUT /api/assessments/:id/judgment {choice, disagreements} with an
 * Idempotency-Key header: the owner's verdict on a finished A/B assessment.
 * 201 when first judged; 200 for a retry (the stored judgment, nothing
 * written) or a changed mind (a new key replaces the choice).
 */
export const PUT = defineRoute(
  { access: "own-data", params: { id: "assessment" }, body: judgmentBodySchema },
  async ({ request, params, body, database, actor }) => {
    const key = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? "");
    if (!key.success)
      throw new AppError(
        "bad_request",
        `Idempotency-Key: ${request.headers.has("idempotency-key") ? key.error.issues[0]!.message : "is required"}`,
      );
    const { assessment, judgment, outcome } = await judgeAssessment(database, actor, params.id, key.data, body);
    return jsonResponse(
      judgmentResponseSchema,
      { judgment: toJudgmentJson(judgment, assessment.parsed) },
      { status: outcome === "created" ? 201 : 200 },
    );
  },
);
