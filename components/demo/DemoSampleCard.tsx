"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { imageKeys } from "@/components/images/image-queries";
import { Thumbnail } from "@/components/images/Thumbnail";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { type DemoSampleJson, importedDemoSampleSchema } from "@/lib/demo/demo-contract";
import { callApi } from "@/lib/http/api-client";

const pictureUrl = (path: string) => `/api/demo/images/${path.split("/").map(encodeURIComponent).join("/")}`;

function Strip({ title, paths }: { title: string; paths: string[] }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</figcaption>
      <ul role="list" className="flex flex-wrap gap-1">
        {paths.map((path, index) => (
          <li key={path}>
            <Thumbnail
              src={pictureUrl(path)}
              alt={`${title} ${index + 1}`}
              className="h-16 w-16 rounded object-cover"
            />
          </li>
        ))}
      </ul>
    </figure>
  );
}

function ProfileList({ title, profile }: { title: string; profile: Record<string, string> }) {
  return (
    <div>
      <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</h4>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        {Object.entries(profile).map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{key}</dt>
            <dd className="text-slate-800">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** One simulated person of the demo benchmark: their references, the candidate pair, their true taste, and a way to try it. */
export function DemoSampleCard({ sample }: { sample: DemoSampleJson }) {
  const queryClient = useQueryClient();
  const take = useMutation({
    mutationFn: () =>
      callApi("/api/demo/samples/import", {
        method: "POST",
        body: { subset: sample.subset, index: sample.index },
        schema: importedDemoSampleSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: imageKeys.all }),
  });
  const headingId = `demo-${sample.subset}-${sample.index}`;
  return (
    <article
      aria-labelledby={headingId}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          Person {sample.userId}
        </h3>
        <span className="text-xs text-slate-500">
          {sample.subset} · sample {sample.index}
        </span>
      </div>
      <div className="grid gap-3 lg:grid-cols-[1fr_1fr_auto]">
        <Strip title="Liked" paths={sample.images.preferred} />
        <Strip title="Disliked" paths={sample.images.nonPreferred} />
        <Strip title="Candidates A and B" paths={[sample.images.imageA, sample.images.imageB]} />
      </div>
      <details className="rounded-md bg-slate-50 p-3 text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">True taste and answer</summary>
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          <ProfileList title="Prefers" profile={sample.preferAttributes} />
          <ProfileList title="Dislikes" profile={sample.nonPreferAttributes} />
        </div>
        <p className="mt-2">
          This person prefers <strong>{sample.label}</strong>.
        </p>
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => take.mutate()} disabled={take.isPending || take.isSuccess}>
          {take.isPending
            ? "Adding…"
            : take.isSuccess
              ? "Added to your library"
              : "Add these 12 pictures to my library"}
        </Button>
        {take.isSuccess && (
          <p role="status" className="text-sm text-slate-700">
            Added.{" "}
            <Link className="font-medium text-brand-700 underline" href="/images">
              See them in your images
            </Link>
          </p>
        )}
      </div>
      <ErrorMessage message={take.error?.message ?? null} />
    </article>
  );
}
