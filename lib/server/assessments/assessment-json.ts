import "server-only";
import type { AssessmentRecord } from "@/lib/db/assessments";
import { toJudgmentJson } from "@/lib/server/judgments/judgment-json";

/** An assessment as the API shows it. */
export function toAssessmentJson(assessment: AssessmentRecord) {
  return {
    id: assessment.id,
    status: assessment.status,
    mode: assessment.mode,
    preferredImageIds: assessment.preferredImageIds,
    nonPreferredImageIds: assessment.nonPreferredImageIds,
    candidateImageIds: assessment.candidateImageIds,
    provider: assessment.provider,
    endpoint: assessment.endpoint,
    model: assessment.model,
    templateId: assessment.templateId,
    settings: assessment.settings,
    output: assessment.output,
    parsed: assessment.parsed,
    issueCodes: assessment.issueCodes,
    error: assessment.error,
    timings: { queueWaitMs: assessment.queueWaitMs, firstTokenMs: assessment.firstTokenMs, totalMs: assessment.totalMs },
    usage: { promptTokens: assessment.promptTokens, completionTokens: assessment.completionTokens },
    createdAt: assessment.createdAt.toISOString(),
    finishedAt: assessment.finishedAt?.toISOString() ?? null,
    referenceSetId: assessment.referenceSetId,
    swapOfId: assessment.swapOfId,
    judgment: assessment.judgment ? toJudgmentJson(assessment.judgment, assessment.parsed) : null,
  };
}
