import "server-only";
import { type AnnotationBody, hasCorrections } from "@/lib/annotation/annotation-contract";
import { annotationLeaseMs, annotationUndoWindowMs } from "@/lib/annotation/annotation-timing";
import type { SubmittedAnnotation, UndoneAnnotation } from "@/lib/annotation/item-view-contract";
import type { Actor } from "@/lib/auth/policy";
import { submitAnnotation, undoAnnotation } from "@/lib/db/annotation-claims";
import { getAnnotation } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";
import { getReachableItem } from "./get-reachable-queue";

/** Checks that the verdict fits the corrections: gold means as written, "corrected" needs a correction. */
export function assertVerdictFits(body: AnnotationBody): void {
  const corrected = hasCorrections(body);
  if (body.verdict === "gold" && corrected)
    throw new AppError("bad_request", "verdict: accept as gold means no corrections; choose accept with corrections.");
  if (body.verdict === "corrected" && !corrected)
    throw new AppError(
      "bad_request",
      "verdict: accept with corrections needs at least one corrected term, score or rationale.",
    );
}

/** Stores the annotator's annotation of an item they hold; 409 when their lease ran out and someone else took it. */
export async function submitItemAnnotation(
  database: Database,
  actor: Actor,
  itemId: string,
  body: AnnotationBody,
): Promise<SubmittedAnnotation> {
  assertVerdictFits(body);
  const item = await getReachableItem(database, actor, itemId, "work");
  const stored = await submitAnnotation(database, item.id, actor.userId, { verdict: body.verdict, body });
  if (!stored)
    throw new AppError(
      "conflict",
      "This item is not yours to annotate: it was submitted already, or your hold on it ran out and someone else took it.",
    );
  return {
    id: stored.id,
    itemId: item.id,
    undoUntil: new Date(stored.createdAt.getTime() + annotationUndoWindowMs).toISOString(),
  };
}

/** Takes back the actor's own recent annotation; the item is theirs again. */
export async function undoItemAnnotation(
  database: Database,
  actor: Actor,
  annotationId: string,
): Promise<UndoneAnnotation> {
  const existing = await getAnnotation(database, annotationId);
  if (!existing || existing.annotatorId !== actor.userId)
    throw new AppError("not_found", "No such annotation of yours.");
  const undone = await undoAnnotation(database, existing.id, actor.userId, annotationUndoWindowMs, annotationLeaseMs);
  if (!undone)
    throw new AppError(
      "conflict",
      `An annotation can be undone for ${annotationUndoWindowMs / 1000} s after it is submitted.`,
    );
  return undone;
}
