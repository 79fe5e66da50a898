"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { ProfileView } from "@/lib/assessments/profile-view-contract";
import { describeModel } from "@/lib/assessments/provider-label";
import { referenceSetResponseSchema } from "@/lib/assessments/reference-set-contract";
import { callApi } from "@/lib/http/api-client";
import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";
import {
  buildPersonalisedPrompt,
  compareProfileTexts,
  flattenProfileTexts,
  type ProfileAgreement,
} from "@/lib/preferthinker/personal-profile";
import { referenceSetKeys } from "./reference-set-queries";

type Side = "preference" | "nonPreference";
type Draft = Record<Side, Partial<Record<AttributeKey, string>>>;

const agreementText: Record<ProfileAgreement, { label: string; tone: string }> = {
  "shared-words": { label: "Same words", tone: "bg-emerald-100 text-emerald-900" },
  differs: { label: "Differs", tone: "bg-amber-100 text-amber-900" },
  "only-predicted": { label: "Only predicted", tone: "bg-slate-100 text-slate-700" },
  "only-stated": { label: "Only yours", tone: "bg-slate-100 text-slate-700" },
  neither: { label: "", tone: "" },
};

/** The heading level of the editor's sections: h2 on its own page, lower inside another section. */
type HeadingLevel = "h2" | "h3" | "h4" | "h5";

function SideTable({
  side,
  title,
  view,
  draft,
  onChange,
  Heading,
}: {
  side: Side;
  title: string;
  view: ProfileView;
  draft: Draft;
  onChange(key: AttributeKey, value: string): void;
  Heading: HeadingLevel;
}) {
  const predicted =
    side === "preference" ? (view.predicted?.preference[0] ?? {}) : (view.predicted?.nonPreference ?? {});
  const comparison = compareProfileTexts(predicted, draft[side]);
  return (
    <section
      aria-labelledby={`profile-${side}`}
      className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
    >
      <Heading id={`profile-${side}`} className="px-3 pt-3 text-lg font-semibold">
        {title}
      </Heading>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Attribute
            </th>
            <th scope="col" className="px-3 py-2">
              Predicted
            </th>
            <th scope="col" className="px-3 py-2">
              In your words
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Comparison</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attributeKeys.map((key) => {
            const agreement = agreementText[comparison[key]];
            return (
              <tr key={key} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 font-medium">
                  {key}
                </th>
                <td className="px-3 py-2 text-slate-700">
                  {predicted[key] ?? <span className="text-slate-400">–</span>}
                </td>
                <td className="px-3 py-2">
                  <input
                    aria-label={`${title}, ${key}, in your words`}
                    className="w-full rounded-md border border-slate-300 px-2 py-1"
                    value={draft[side][key] ?? ""}
                    maxLength={500}
                    onChange={(event) => onChange(key, event.target.value)}
                  />
                </td>
                <td className="px-3 py-2">
                  {agreement.label && (
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${agreement.tone}`}>
                      {agreement.label}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function download(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * A reference set's latest predicted profile beside the person's own words
 * (editable and saved to the set), where they differ, and a personalised
 * prompt from either; who predicted it is named, the baseline as such.
 */
export function ProfileEditor({ view, headingLevel = "h2" }: { view: ProfileView; headingLevel?: HeadingLevel }) {
  const Heading = headingLevel;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({
    preference: { ...view.stated?.preference },
    nonPreference: { ...view.stated?.nonPreference },
  });
  const [prompt, setPrompt] = useState("");
  const [source, setSource] = useState<"predicted" | "stated">(view.predicted ? "predicted" : "stated");
  const [copied, setCopied] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      callApi(`/api/reference-sets/${view.referenceSet.id}`, {
        method: "PATCH",
        body: { statedProfile: draft },
        schema: referenceSetResponseSchema,
      }),
    // The set changed too (its stated profile, its place in the list), not only its profile view.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceSetKeys.all }),
  });
  const flattened =
    source === "predicted" ? (view.predicted?.flattenedPreference ?? "") : flattenProfileTexts(draft.preference);
  const personalised = buildPersonalisedPrompt(prompt, flattened);
  const change = (side: Side) => (key: AttributeKey, value: string) =>
    setDraft((current) => ({ ...current, [side]: { ...current[side], [key]: value } }));

  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600">
        {view.predicted ? (
          <>
            Predicted by {describeModel(view.predicted, { inSentence: true })} on{" "}
            {new Date(view.predicted.createdAt).toLocaleString()} ·{" "}
            <Link className="text-brand-700 underline" href={`/assess?assessment=${view.predicted.assessmentId}`}>
              open that assessment
            </Link>
          </>
        ) : (
          "Nothing predicted from this set yet: run an assessment with it loaded on the Assess page."
        )}
      </p>
      <SideTable
        side="preference"
        title="What you like"
        view={view}
        draft={draft}
        onChange={change("preference")}
        Heading={Heading}
      />
      <SideTable
        side="nonPreference"
        title="What you dislike"
        view={view}
        draft={draft}
        onChange={change("nonPreference")}
        Heading={Heading}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => save.mutate()} disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save your words"}
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            download(`profile-${view.referenceSet.name.replace(/[^\w-]+/g, "-")}.json`, { ...view, stated: draft })
          }
        >
          Export as JSON
        </Button>
        {save.isSuccess && (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        )}
      </div>
      <ErrorMessage message={save.error?.message ?? null} />
      <section aria-labelledby="prompt-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
        <Heading id="prompt-heading" className="text-lg font-semibold">
          Use in a prompt
        </Heading>
        <p className="text-sm text-slate-600">
          Your text-to-image prompt followed by the profile&apos;s terms, as PreferThinker&apos;s training code builds
          personalised prompts.
        </p>
        <label className="block text-sm">
          <span className="font-medium">Your prompt</span>
          <textarea
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            rows={2}
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            placeholder="a lighthouse on a cliff at dusk"
          />
        </label>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">Which profile</legend>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="profile-source"
              checked={source === "predicted"}
              onChange={() => setSource("predicted")}
              disabled={!view.predicted}
            />{" "}
            the predicted profile
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="profile-source"
              checked={source === "stated"}
              onChange={() => setSource("stated")}
            />{" "}
            your own words
          </label>
        </fieldset>
        <label className="block text-sm">
          <span className="font-medium">Personalised prompt</span>
          <textarea
            readOnly
            className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs"
            rows={3}
            value={personalised}
            data-testid="personalised-prompt"
          />
        </label>
        <Button
          variant="secondary"
          disabled={!personalised}
          onClick={async () => {
            await navigator.clipboard.writeText(personalised).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </section>
    </div>
  );
}
