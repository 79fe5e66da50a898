import type { ResultDetailJson } from "@/lib/benchmarks/benchmark-contract";
import { attributes } from "@/lib/preferthinker/attributes";

type Side = "preference" | "nonPreference";

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;

const sides: { side: Side; caption: string }[] = [
  { side: "preference", caption: "Liked: the preference profile" },
  { side: "nonPreference", caption: "Disliked: the non-preference profile" },
];

/**
 * One side of the profile (liked or disliked) against the truth, per
 * attribute. Each side is a table of its own with four short headers, so no
 * header repeats and none has to share a narrow column with a long text; the
 * fixed first and last columns leave the width to the two texts.
 */
function ProfileSideTable({ detail, side, caption }: { detail: ResultDetailJson; side: Side; caption: string }) {
  const similarity = detail.profileSimilarity;
  const truthProfile = side === "preference" ? detail.sample.preferAttributes : detail.sample.nonPreferAttributes;
  const predicted = (key: string) =>
    detail.result.profiles[side]
      .map((profile) => profile[key])
      .filter(Boolean)
      .join(" / ") || "—";
  return (
    <table className="w-full table-fixed text-left text-xs">
      <caption className="pb-1 text-left text-sm font-medium text-slate-800">{caption}</caption>
      <colgroup>
        <col className="w-28" />
        <col />
        <col />
        <col className="w-16" />
      </colgroup>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">
            Attribute
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Predicted
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            True
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Overlap
          </th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((attribute) => (
          <tr key={attribute.key} className="border-t border-slate-100 align-top">
            <th scope="row" className="py-1 pr-2 font-medium break-words">
              {attribute.heading}
            </th>
            <td className="py-1 pr-2 break-words">{predicted(attribute.key)}</td>
            <td className="py-1 pr-2 break-words text-slate-600">{truthProfile?.[attribute.key] || "—"}</td>
            <td className="py-1 text-right tabular-nums">{percent(similarity?.[side][attribute.key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The predicted profile beside the true one: the mean similarity and how it is measured, then the liked and the disliked side. */
export function ProfileComparison({ detail }: { detail: ResultDetailJson }) {
  const similarity = detail.profileSimilarity;
  if (!similarity)
    return <p className="text-sm text-slate-600">This sample carries no true profile to compare with.</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Mean similarity <span className="font-semibold">{percent(similarity.mean)}</span>{" "}
        <span className="text-slate-600">({similarity.method})</span>
      </p>
      {sides.map(({ side, caption }) => (
        <ProfileSideTable key={side} detail={detail} side={side} caption={caption} />
      ))}
    </div>
  );
}
