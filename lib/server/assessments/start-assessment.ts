import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";
import { createAssessment, getOwnedAssessment } from "@/lib/db/assessments";
import type { ImageRecord } from "@/lib/db/images";
import { getReferenceSet } from "@/lib/db/reference-sets";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import type { NewAssessmentBody } from "@/lib/assessments/assessment-contract";
import {
  createAssessmentProvider,
  getAdmissionQueue,
  resolveAssessmentEndpoint,
} from "@/lib/inference/assessment-endpoints";
import { AssessmentRun, registerRun } from "@/lib/inference/assessment-run";
import { officialGenerationSettings } from "@/lib/preferthinker/request-builder";
import { requireLibraryImages } from "@/lib/server/images/require-library-images";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { renewAssessmentLeases } from "@/lib/db/assessment-leases";
import { journalRun } from "./live-assessments";
import { runAssessment } from "./run-assessment";

/**
 * Checks everything that can be wrong before any stream opens (images,
 * reference set or swapped original that are not the caller's, an unknown
 * endpoint, a full queue), records the assessment, and starts its run in
 * the background.
 */
export async function startAssessment(
  database: Database,
  actor: Actor,
  body: NewAssessmentBody,
): Promise<{ id: string; run: AssessmentRun }> {
  const config = getConfig();
  const endpoint = resolveAssessmentEndpoint(config, body.endpoint);
  const owned = await requireLibraryImages(database, actor.userId, [
    ...body.preferredImageIds,
    ...body.nonPreferredImageIds,
    ...body.candidateImageIds,
  ]);
  await checkLinks(database, actor, body);
  const pick = (list: string[]): ImageRecord[] => list.map((id) => owned.get(id)!);

  const template = getPromptTemplate(config.promptTemplate);
  const queue = getAdmissionQueue(endpoint, config, database);
  const id = randomUUID();
  const run = new AssessmentRun();
  run.push("created", { assessmentId: id, provider: endpoint.kind, endpoint: endpoint.name, model: endpoint.model });
  // The place is checked and taken at once (one transaction with a shared database), so a burst cannot all pass.
  const { turn: admission } = await queue.reserve(actor.userId, {
    signal: run.controller.signal,
    onPosition: (position) => run.push("queued", { position }),
  });

  const assessment = await createAssessment(database, {
    id,
    ownerId: actor.userId,
    mode: body.mode,
    preferredImageIds: body.preferredImageIds,
    nonPreferredImageIds: body.nonPreferredImageIds,
    candidateImageIds: body.candidateImageIds,
    provider: endpoint.kind,
    endpoint: endpoint.name,
    model: endpoint.model,
    templateId: template.id,
    settings: JSON.parse(JSON.stringify({ ...officialGenerationSettings, history: 5 })) as object,
    referenceSetId: body.referenceSetId ?? null,
    swapOfId: body.swapOf ?? null,
  }).catch(async (error: unknown) => {
    run.controller.abort();
    await admission.then(
      (release) => release(),
      () => {},
    );
    throw error;
  });
  // The row exists: from now on this instance holds it, renewing its lease while it runs, and journals its
  // events (from the first) for followers on other instances (live-assessments.ts).
  registerRun(id, run);
  void renewAssessmentLeases(database, [id], config.assessmentLeaseSeconds).catch(() => {});
  journalRun(database, id, run);
  void runAssessment({
    database,
    assessment,
    run,
    admission,
    provider: createAssessmentProvider(endpoint, config),
    template,
    images: {
      preferred: pick(body.preferredImageIds),
      nonPreferred: pick(body.nonPreferredImageIds),
      candidates: pick(body.candidateImageIds),
    },
  });
  return { id: assessment.id, run };
}

/** The reference set and the swapped original must be the caller's own; the original's candidates come back B first. */
async function checkLinks(database: Database, actor: Actor, body: NewAssessmentBody): Promise<void> {
  if (body.referenceSetId && !(await getReferenceSet(database, body.referenceSetId, actor.userId))) {
    throw new AppError("not_found", "No such reference set.");
  }
  if (!body.swapOf) return;
  const original = await getOwnedAssessment(database, actor.userId, body.swapOf);
  if (!original) throw new AppError("not_found", "No such assessment to repeat swapped (swapOf).");
  const [a, b] = original.candidateImageIds;
  if (original.candidateImageIds.length !== 2 || body.candidateImageIds[0] !== b || body.candidateImageIds[1] !== a) {
    throw new AppError(
      "bad_request",
      "swapOf: a swapped repeat takes that assessment's two candidates in the other order (its B as A, its A as B).",
    );
  }
}
