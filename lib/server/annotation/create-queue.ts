import "server-only";
import type { CreateQueueInput, QueueFilter } from "@/lib/annotation/annotation-contract";
import { runPrechecks } from "@/lib/annotation/prechecks";
import { type Actor, can } from "@/lib/auth/policy";
import { createAnnotationQueue, type NewAnnotationItem } from "@/lib/db/annotation-queues";
import { findAssessmentsForQueue, findRunResultsForQueue } from "@/lib/db/annotation-sources";
import type { Database } from "@/lib/db/open-database";
import { getUserByEmail } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { getReachableRun } from "@/lib/server/benchmarks/get-reachable-benchmark";

/**
 * Makes a queue from a filter over stored outputs the maker may read: a
 * run's results (theirs, or anyone's for an admin) or their own
 * assessments. Each item keeps a copy of the output, its pictures and the
 * pre-checks, so later changes to the source leave the queue as it was.
 */

const choiceLabels: Record<string, string> = { A: "Image A", B: "Image B" };

async function itemsFromRun(
  database: Database,
  actor: Actor,
  filter: Extract<QueueFilter, { source: "run" }>,
): Promise<NewAnnotationItem[]> {
  const run = await getReachableRun(database, actor, filter.runId, "read");
  const results = await findRunResultsForQueue(database, run.id, filter);
  return results.map((result) => ({
    evaluationResultId: result.id,
    assessmentId: null,
    model: run.model,
    output: result.output,
    label: result.sample.label,
    preferredImageIds: result.sample.preferredImageIds.slice(0, run.history),
    nonPreferredImageIds: result.sample.nonPreferredImageIds.slice(0, run.history),
    candidateImageIds: [result.sample.imageAId, result.sample.imageBId],
    precheckCodes: runPrechecks(result.output, result.sample.label).prechecks.map((check) => check.code),
  }));
}

async function itemsFromAssessments(
  database: Database,
  actor: Actor,
  filter: Extract<QueueFilter, { source: "assessments" }>,
): Promise<NewAnnotationItem[]> {
  const assessments = await findAssessmentsForQueue(database, actor.userId, filter);
  return assessments.map((assessment) => {
    const label = choiceLabels[assessment.judgment?.choice ?? ""] ?? null;
    return {
      evaluationResultId: null,
      assessmentId: assessment.id,
      model: assessment.model,
      output: assessment.output,
      label,
      preferredImageIds: assessment.preferredImageIds,
      nonPreferredImageIds: assessment.nonPreferredImageIds,
      candidateImageIds: assessment.candidateImageIds,
      precheckCodes: runPrechecks(assessment.output, label).prechecks.map((check) => check.code),
    };
  });
}

/** The ids of the named annotators; each must have an account that may annotate. */
async function resolveAnnotators(database: Database, emails: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const email of new Set(emails)) {
    const user = await getUserByEmail(database, email);
    if (!user || user.disabledAt || !can({ userId: user.id, email: user.email, roles: user.roles }, "annotation")) {
      throw new AppError("bad_request", `annotators: ${email} has no account with the annotator role.`);
    }
    ids.push(user.id);
  }
  return ids;
}

export async function createQueue(database: Database, actor: Actor, input: CreateQueueInput) {
  const annotatorIds = await resolveAnnotators(database, input.annotators);
  if (annotatorIds.length > 0 && annotatorIds.length < input.requiredAnnotations) {
    throw new AppError(
      "bad_request",
      `requiredAnnotations: ${input.requiredAnnotations} annotators must see each item, but only ${annotatorIds.length} may work on the queue.`,
    );
  }
  const items =
    input.filter.source === "run"
      ? await itemsFromRun(database, actor, input.filter)
      : await itemsFromAssessments(database, actor, input.filter);
  if (items.length === 0) throw new AppError("unprocessable", "The filter matches no stored outputs.");
  return createAnnotationQueue(
    database,
    {
      ownerId: actor.userId,
      name: input.name,
      filter: input.filter,
      requiredAnnotations: input.requiredAnnotations,
      annotatorIds,
    },
    items,
  );
}
