import "server-only";
import type {
  AssessmentJson,
  AssessmentListItem,
  AssessmentMode,
  SwappedRepeatJson,
} from "@/lib/assessments/assessment-contract";
import type { AssessmentRecord, ListedAssessment, SwappedRepeat } from "@/lib/db/assessments";
import { toJudgmentJson } from "@/lib/server/judgments/judgment-json";

type SharedFields = Omit<AssessmentJson, "output" | "parsed" | "judgment">;

/** What an assessment and its listing show alike. */
function toSharedJson(assessment: Omit<ListedAssessment, "answer" | "judgment" | "swapOf">): SharedFields {
  return {
    id: assessment.id,
    status: assessment.status,
    // Stored from newAssessmentSchema's modes alone.
    mode: assessment.mode as AssessmentMode,
    preferredImageIds: assessment.preferredImageIds,
    nonPreferredImageIds: assessment.nonPreferredImageIds,
    candidateImageIds: assessment.candidateImageIds,
    provider: assessment.provider,
    endpoint: assessment.endpoint,
    model: assessment.model,
    templateId: assessment.templateId,
    settings: assessment.settings,
    issueCodes: assessment.issueCodes,
    error: (assessment.error as SharedFields["error"]) ?? null,
    timings: {
      queueWaitMs: assessment.queueWaitMs,
      firstTokenMs: assessment.firstTokenMs,
      totalMs: assessment.totalMs,
    },
    usage: { promptTokens: assessment.promptTokens, completionTokens: assessment.completionTokens },
    createdAt: assessment.createdAt.toISOString(),
    finishedAt: assessment.finishedAt?.toISOString() ?? null,
    referenceSetId: assessment.referenceSetId,
    swapOfId: assessment.swapOfId,
  };
}

/** An assessment as the API shows it. */
export function toAssessmentJson(assessment: AssessmentRecord): AssessmentJson {
  return {
    ...toSharedJson(assessment),
    output: assessment.output,
    parsed: assessment.parsed,
    judgment: assessment.judgment ? toJudgmentJson(assessment.judgment, assessment.parsed) : null,
  };
}

/** A listed assessment: no output and no reading but its answer; for a swap check, the original it repeated, with when that ran. */
export function toListedAssessmentJson(assessment: ListedAssessment): AssessmentListItem {
  return {
    ...toSharedJson(assessment),
    answer: assessment.answer,
    judgment: assessment.judgment ? toJudgmentJson(assessment.judgment, { answer: assessment.answer }) : null,
    swapOf: assessment.swapOf && { id: assessment.swapOf.id, createdAt: assessment.swapOf.createdAt.toISOString() },
  };
}

/** The stored reading's answer ("Image A", "Image B"), or null when there was none. */
function answerOf(parsed: SwappedRepeat["parsed"]): string | null {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  return typeof parsed.answer === "string" ? parsed.answer : null;
}

/** A swapped repeat as GET /api/assessments/:id shows it: enough for the page to say its verdict again. */
export function toSwappedRepeatJson(repeat: SwappedRepeat): SwappedRepeatJson {
  return {
    id: repeat.id,
    status: repeat.status,
    candidateImageIds: repeat.candidateImageIds,
    answer: answerOf(repeat.parsed),
    createdAt: repeat.createdAt.toISOString(),
  };
}
