import "server-only";
import type { JudgmentChoice, JudgmentJson } from "@/lib/assessments/judgment-contract";
import type { JudgmentRecord } from "@/lib/db/judgments";
import type { AttributeKey } from "@/lib/preferthinker/attributes";

/** The candidate the model chose, read from its stored answer: "Image A" or "Image B" exactly, else null. */
export function readModelChoice(parsed: unknown): "A" | "B" | null {
  const answer = typeof parsed === "object" && parsed !== null ? (parsed as { answer?: unknown }).answer : null;
  return answer === "Image A" ? "A" : answer === "Image B" ? "B" : null;
}

/**
 * A judgment as the API shows it, beside the assessment's stored reading
 * (for agreesWithModel; of the reading only its `answer` is read).
 */
export function toJudgmentJson(
  judgment: Pick<JudgmentRecord, "assessmentId" | "choice" | "disagreements" | "createdAt" | "updatedAt">,
  parsed: unknown,
): JudgmentJson {
  const modelChoice = readModelChoice(parsed);
  const choice = judgment.choice as JudgmentChoice;
  return {
    assessmentId: judgment.assessmentId,
    choice,
    // Written through judgmentBodySchema, which takes attribute keys alone.
    disagreements: judgment.disagreements as AttributeKey[],
    agreesWithModel: choice === "tie" || modelChoice === null ? null : choice === modelChoice,
    createdAt: judgment.createdAt.toISOString(),
    updatedAt: judgment.updatedAt.toISOString(),
  };
}
