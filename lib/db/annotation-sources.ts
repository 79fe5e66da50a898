import "server-only";
import type { Database } from "./open-database";

/** The stored outputs a queue can be made from: a run's results, or a person's own assessments. */

/** A run's results with their samples' pictures and labels, in the official order. */
export async function findRunResultsForQueue(
  database: Database,
  runId: string,
  filter: { onlyIncorrect: boolean; onlyWithIssues: boolean; limit: number },
) {
  return database.prisma.evaluationResult.findMany({
    where: {
      runId,
      ...(filter.onlyIncorrect ? { strictCorrect: false } : {}),
      ...(filter.onlyWithIssues ? { NOT: { issueCodes: { isEmpty: true } } } : {}),
    },
    select: {
      id: true,
      output: true,
      sample: {
        select: { imageAId: true, imageBId: true, preferredImageIds: true, nonPreferredImageIds: true, label: true },
      },
    },
    orderBy: { sample: { officialOrder: "asc" } },
    take: filter.limit,
  });
}

/** The person's own completed reasoning-mode assessments, oldest first, with their own judgment as the label. */
export async function findAssessmentsForQueue(
  database: Database,
  ownerId: string,
  filter: { model?: string; onlyWithIssues: boolean; limit: number },
) {
  return database.prisma.assessment.findMany({
    where: {
      ownerId,
      status: "completed",
      mode: "reasoning",
      ...(filter.model ? { model: filter.model } : {}),
      ...(filter.onlyWithIssues ? { NOT: { issueCodes: { isEmpty: true } } } : {}),
    },
    select: {
      id: true,
      model: true,
      output: true,
      preferredImageIds: true,
      nonPreferredImageIds: true,
      candidateImageIds: true,
      judgment: { select: { choice: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: filter.limit,
  });
}
