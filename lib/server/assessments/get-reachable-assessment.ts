import "server-only";
import { type Actor, canReachOwnedBy } from "@/lib/auth/policy";
import { type AssessmentRecord, getAssessment } from "@/lib/db/assessments";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/is-uuid";

/** The assessment if the actor may see it (its owner, or an admin); to anyone else it does not exist. */
export async function getReachableAssessment(database: Database, actor: Actor, id: string): Promise<AssessmentRecord> {
  const assessment = isUuid(id) ? await getAssessment(database, id) : null;
  if (!assessment || !canReachOwnedBy(actor, assessment.ownerId))
    throw new AppError("not_found", "No such assessment.");
  return assessment;
}
