"use client";

import { attributeKeys } from "@/lib/preferthinker/attributes";
import { useAssess } from "./assess-store";

function ProfileCard({ title, profile, tone }: { title: string; profile: Partial<Record<string, string>>; tone: "liked" | "disliked" }) {
  return (
    <article aria-label={title} className={`rounded-xl border p-3 ${tone === "liked" ? "border-emerald-200 bg-emerald-50/50" : "border-rose-200 bg-rose-50/50"}`}>
      <h3 className="text-sm font-semibold">{title}</h3>
      <dl className="mt-2 space-y-1 text-sm">
        {attributeKeys.map((key) => (
          <div key={key} className="grid grid-cols-[8.5rem_1fr] gap-2">
            <dt className="text-slate-500">{key}</dt>
            <dd className={profile[key] ? "text-slate-900" : "text-slate-400"}>{profile[key] ?? "…"}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

/** The predicted preference profile(s) and non-preference profile, filling in attribute by attribute. */
export function ProfileCards() {
  const profiles = useAssess((state) => state.live.profiles);
  const preference = profiles.preference.length ? profiles.preference : [{}];
  const several = preference.length > 1;
  return (
    <section aria-labelledby="profiles-heading" className="space-y-2">
      <h2 id="profiles-heading" className="text-lg font-semibold">
        Predicted taste
      </h2>
      <div className="grid gap-3 md:grid-cols-2">
        {preference.map((profile, index) => (
          <ProfileCard key={index} title={several ? `Preference profile ${index + 1}` : "Preference profile"} profile={profile} tone="liked" />
        ))}
        <ProfileCard title="Non-preference profile" profile={profiles.nonPreference[0] ?? {}} tone="disliked" />
      </div>
    </section>
  );
}
