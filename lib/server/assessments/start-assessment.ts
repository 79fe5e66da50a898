import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/policy";
import { getConfig } from "@/lib/config";
import { createAssessment } from "@/lib/db/assessments";
import { findOwnedImages, type ImageRecord } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import type { NewAssessmentBody } from "@/lib/assessments/assessment-schemas";
import { createAssessmentProvider, getAdmissionQueue, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import { type AssessmentRun, registerRun } from "@/lib/inference/assessment-run";
import { officialGenerationSettings } from "@/lib/preferthinker/request-builder";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { runAssessment } from "./run-assessment";

/**
 * Checks everything that can be wrong before any stream opens (images that
 * are not the caller's, an unknown endpoint, a full queue), records the
 * assessment, and starts its run in the background.
 */
export async function startAssessment(database: Database, actor: Actor, body: NewAssessmentBody): Promise<{ id: string; run: AssessmentRun }> {
  const config = getConfig();
  const endpoint = resolveAssessmentEndpoint(config, body.endpoint);
  const ids = [...body.preferredImageIds, ...body.nonPreferredImageIds, ...body.candidateImageIds];
  const owned = new Map((await findOwnedImages(database, actor.userId, ids)).map((image) => [image.id, image]));
  const missing = ids.filter((id) => !owned.has(id));
  if (missing.length > 0) throw new AppError("not_found", `These images are not in your library: ${[...new Set(missing)].join(", ")}.`);
  const pick = (list: string[]): ImageRecord[] => list.map((id) => owned.get(id)!);

  const template = getPromptTemplate(config.promptTemplate);
  const queue = getAdmissionQueue(endpoint, config);
  const refusal = queue.findRefusal(actor.userId);
  if (refusal) throw refusal;
  // The place is taken in the same turn as the check, so a burst of requests cannot all pass it.
  const id = randomUUID();
  const run = registerRun(id);
  run.push("created", { assessmentId: id });
  const admission = queue.acquire(actor.userId, { signal: run.controller.signal, onPosition: (position) => run.push("queued", { position }) });

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
  }).catch(async (error: unknown) => {
    run.controller.abort();
    await admission.then((release) => release(), () => {});
    throw error;
  });
  void runAssessment({
    database,
    assessment,
    run,
    admission,
    provider: createAssessmentProvider(endpoint, config),
    template,
    images: { preferred: pick(body.preferredImageIds), nonPreferred: pick(body.nonPreferredImageIds), candidates: pick(body.candidateImageIds) },
  });
  return { id: assessment.id, run };
}
