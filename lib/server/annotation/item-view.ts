import "server-only";
import { runPrechecks } from "@/lib/annotation/prechecks";
import type { ItemView } from "@/lib/annotation/item-view-contract";
import type { AnnotationItemRecord } from "@/lib/db/annotation-queues";

const imageUrl = (itemId: string) => (imageId: string) => `/api/annotation/items/${itemId}/images/${imageId}`;

/** An item as the annotation and review pages show it, its output read by the protocol library. */
export function toItemView(item: AnnotationItemRecord, leaseExpiresAt: Date | null): ItemView {
  const { parsed, prechecks } = runPrechecks(item.output, item.label);
  const cells = (image: "A" | "B") =>
    parsed.scores[image].map((score, index) =>
      score === null && parsed.rationales[image][index] === null
        ? null
        : { score, rationale: parsed.rationales[image][index] ?? "" },
    );
  const url = imageUrl(item.id);
  return {
    id: item.id,
    queueId: item.queueId,
    queueName: item.queue.name,
    position: item.position,
    model: item.model,
    label: item.label,
    prechecks,
    profiles: parsed.profiles,
    scores: { A: cells("A"), B: cells("B") },
    totals: {
      A: parsed.statedTotals.A?.stated ?? parsed.computedTotals.A,
      B: parsed.statedTotals.B?.stated ?? parsed.computedTotals.B,
    },
    answer: parsed.answer,
    output: item.output,
    images: {
      preferred: item.preferredImageIds.map(url),
      nonPreferred: item.nonPreferredImageIds.map(url),
      candidates: item.candidateImageIds.map(url),
    },
    leaseExpiresAt: leaseExpiresAt?.toISOString() ?? null,
  };
}
