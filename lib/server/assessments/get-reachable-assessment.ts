import "server-only";
import { type Actor, canReachOwnedBy } from "@/lib/auth/policy";
import { type AssessmentRecord, getAssessment } from "@/lib/db/assessments";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";

/** The assessment if the actor may see it (its owner, or an admin); to anyone else it does not exist. */
export async function getReachableAssessment(database: Database, actor: Actor, id: string): Promise<AssessmentRecord> {
  const assessment = await getAssessment(database, id);
  if (!assessment || !canReachOwnedBy(actor, assessment.ownerId))
    throw new AppError("not_found", "No such assessment.");
  return assessment;
}
