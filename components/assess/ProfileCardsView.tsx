import type { ReactNode } from "react";
import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";

type Profile = Partial<Record<string, string>>;
export type ProfileSideName = "preference" | "nonPreference";

function ProfileCard({
  title,
  profile,
  tone,
  side,
  renderExtra,
}: {
  title: string;
  profile: Profile;
  tone: "liked" | "disliked";
  side: ProfileSideName;
  renderExtra?: (side: ProfileSideName, key: AttributeKey) => ReactNode;
}) {
  return (
    <article
      aria-label={title}
      className={`rounded-xl border p-3 ${tone === "liked" ? "border-emerald-200 bg-emerald-50/50" : "border-rose-200 bg-rose-50/50"}`}
    >
      <h3 className="text-sm font-semibold">{title}</h3>
      <dl className="mt-2 space-y-1 text-sm">
        {attributeKeys.map((key) => (
          <div key={key} className="grid grid-cols-[8.5rem_1fr] gap-2">
            <dt className="text-slate-500">{key}</dt>
            <dd className={profile[key] ? "text-slate-900" : "text-slate-400"}>
              {profile[key] ?? "…"}
              {renderExtra?.(side, key)}
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

/**
 * Predicted preference profile(s) and the non-preference profile, attribute
 * by attribute. `renderExtra` adds something under each value (the
 * annotation page's judgment of it).
 */
export function ProfileCardsView({
  preference,
  nonPreference,
  renderExtra,
}: {
  preference: Profile[];
  nonPreference: Profile[];
  renderExtra?: (side: ProfileSideName, key: AttributeKey) => ReactNode;
}) {
  const shown = preference.length ? preference : [{}];
  const several = shown.length > 1;
  return (
    <section aria-labelledby="profiles-heading" className="space-y-2">
      <h2 id="profiles-heading" className="text-lg font-semibold">
        Predicted taste
      </h2>
      <div className="grid gap-3 md:grid-cols-2">
        {shown.map((profile, index) => (
          <ProfileCard
            key={index}
            title={several ? `Preference profile ${index + 1}` : "Preference profile"}
            profile={profile}
            tone="liked"
            side="preference"
            renderExtra={index === 0 ? renderExtra : undefined}
          />
        ))}
        <ProfileCard
          title="Non-preference profile"
          profile={nonPreference.at(-1) ?? {}}
          tone="disliked"
          side="nonPreference"
          renderExtra={renderExtra}
        />
      </div>
    </section>
  );
}
