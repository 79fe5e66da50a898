import "server-only";
import type { JudgmentBody } from "@/lib/assessments/judgment-contract";
import type { Actor } from "@/lib/auth/policy";
import { type AssessmentRecord, getOwnedAssessment } from "@/lib/db/assessments";
import { getJudgmentByKey, type JudgmentRecord, saveJudgment, type SaveJudgmentOutcome } from "@/lib/db/judgments";
import type { Database } from "@/lib/db/open-database";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";

const keyUsedElsewhere = () =>
  new AppError(
    "unprocessable",
    "This Idempotency-Key was used to judge another assessment: send a new key with each decision.",
  );

/** The judgment this key wrote before, if the request is a retry; a key spent on another assessment is refused. */
async function findRetried(
  database: Database,
  assessment: AssessmentRecord,
  idempotencyKey: string,
): Promise<JudgmentRecord | null> {
  const seen = await getJudgmentByKey(database, assessment.ownerId, idempotencyKey);
  if (seen && seen.assessmentId !== assessment.id) throw keyUsedElsewhere();
  return seen;
}

/**
 * The owner judges their finished A/B assessment. The Idempotency-Key makes
 * retries safe: a key seen before answers with the judgment as stored and
 * writes nothing (whatever the body says); a new key is a new decision and
 * replaces the choice.
 */
export async function judgeAssessment(
  database: Database,
  actor: Actor,
  assessmentId: string,
  idempotencyKey: string,
  body: JudgmentBody,
): Promise<{ assessment: AssessmentRecord; judgment: JudgmentRecord; outcome: SaveJudgmentOutcome }> {
  const assessment = await getOwnedAssessment(database, actor.userId, assessmentId);
  if (!assessment) throw new AppError("not_found", "No such assessment.");
  const retried = await findRetried(database, assessment, idempotencyKey);
  if (retried) return { assessment, judgment: retried, outcome: "repeated" };
  if (assessment.mode === "single")
    throw new AppError("bad_request", "A single-candidate assessment has no A or B to choose between.");
  if (assessment.status === "queued" || assessment.status === "running")
    throw new AppError("conflict", "Judge it once it has finished.");
  if (assessment.status !== "completed")
    throw new AppError("conflict", `This assessment ended ${assessment.status}: only a completed one can be judged.`);
  try {
    const saved = await saveJudgment(database, {
      ownerId: actor.userId,
      assessmentId: assessment.id,
      choice: body.choice,
      disagreements: body.disagreements,
      idempotencyKey,
    });
    return { assessment, ...saved };
  } catch (error) {
    // A request with the same key wrote first, for this assessment or another.
    const retriedMeanwhile = isUniqueViolation(error) ? await findRetried(database, assessment, idempotencyKey) : null;
    if (retriedMeanwhile) return { assessment, judgment: retriedMeanwhile, outcome: "repeated" };
    throw error;
  }
}
