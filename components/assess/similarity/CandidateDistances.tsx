"use client";

import { Thumbnail } from "@/components/images/Thumbnail";
import type { ImageJson } from "@/lib/images/image-contract";
import type { CandidateSimilarity } from "@/lib/dreamsim/similarity-vote";

function Thumb({ id, byId, label }: { id: string; byId: Map<string, ImageJson>; label: string }) {
  const image = byId.get(id);
  return (
    <Thumbnail imageId={id} alt={`${label}: ${image?.name ?? "image"}`} className="h-12 w-12 rounded object-cover" />
  );
}

function Nearest({
  kind,
  ids,
  distances,
  index,
  byId,
}: {
  kind: "liked" | "disliked";
  ids: string[];
  distances: number[];
  index: number | null;
  byId: Map<string, ImageJson>;
}) {
  if (index === null) return <p className="text-sm text-slate-500">No {kind} references.</p>;
  return (
    <div className="flex items-center gap-2" data-testid={`nearest-${kind}`}>
      <Thumb id={ids[index]!} byId={byId} label={`Nearest ${kind} reference`} />
      <span className="text-sm">
        Nearest {kind}: <span className="font-mono">{distances[index]!.toFixed(4)}</span>
      </span>
    </div>
  );
}

function DistanceList({
  kind,
  ids,
  distances,
  nearest,
  byId,
}: {
  kind: "liked" | "disliked";
  ids: string[];
  distances: number[];
  nearest: number | null;
  byId: Map<string, ImageJson>;
}) {
  return (
    <ol className="flex flex-wrap gap-2" aria-label={`Distance to each ${kind} reference`}>
      {ids.map((id, index) => (
        <li
          key={`${id}-${index}`}
          className={`flex flex-col items-center rounded p-1 ${index === nearest ? (kind === "liked" ? "bg-emerald-50 ring-1 ring-emerald-400" : "bg-rose-50 ring-1 ring-rose-400") : ""}`}
        >
          <Thumb id={id} byId={byId} label={`${kind === "liked" ? "Liked" : "Disliked"} reference ${index + 1}`} />
          <span className="font-mono text-xs" data-testid={`distance-${kind}`}>
            {distances[index]!.toFixed(4)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** One candidate: its distance (1 - cosine) to every reference, and the nearest liked and disliked ones. */
export function CandidateDistances({
  label,
  similarity,
  liked,
  disliked,
  byId,
}: {
  label: string;
  similarity: CandidateSimilarity;
  liked: string[];
  disliked: string[];
  byId: Map<string, ImageJson>;
}) {
  return (
    <article
      aria-label={`DreamSim distances of ${label}`}
      className="space-y-2 rounded-lg border border-slate-200 p-3"
      data-testid="similarity-candidate"
    >
      <h4 className="font-medium">
        {label}{" "}
        <span className="text-sm font-normal text-slate-500">
          (score {similarity.score.toFixed(4)}: mean distance to disliked minus to liked)
        </span>
      </h4>
      <div className="flex flex-wrap gap-4">
        <Nearest kind="liked" ids={liked} distances={similarity.liked} index={similarity.nearestLiked} byId={byId} />
        <Nearest
          kind="disliked"
          ids={disliked}
          distances={similarity.disliked}
          index={similarity.nearestDisliked}
          byId={byId}
        />
      </div>
      <div className="space-y-1 text-sm">
        <p className="text-slate-600">To liked references</p>
        <DistanceList
          kind="liked"
          ids={liked}
          distances={similarity.liked}
          nearest={similarity.nearestLiked}
          byId={byId}
        />
        <p className="text-slate-600">To disliked references</p>
        <DistanceList
          kind="disliked"
          ids={disliked}
          distances={similarity.disliked}
          nearest={similarity.nearestDisliked}
          byId={byId}
        />
      </div>
    </article>
  );
}
