import { Thumbnail } from "@/components/images/Thumbnail";
import type { ItemView } from "@/lib/annotation/item-view-contract";

function Strip({ title, urls, label }: { title: string; urls: string[]; label: (index: number) => string }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</figcaption>
      <ul className="flex flex-wrap gap-2">
        {urls.map((url, index) => (
          <li key={url}>
            <Thumbnail
              src={url}
              alt={label(index)}
              className="h-20 w-20 rounded-md border border-slate-200 object-cover"
            />
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The item's references (liked, disliked) and its two candidates, larger. */
export function ItemPictures({ images }: { images: ItemView["images"] }) {
  return (
    <section aria-labelledby="pictures-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="pictures-heading" className="sr-only">
        Pictures
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <Strip title="Liked references" urls={images.preferred} label={(index) => `Preferred image ${index + 1}`} />
        <Strip
          title="Disliked references"
          urls={images.nonPreferred}
          label={(index) => `Non-preferred image ${index + 1}`}
        />
      </div>
      <div className="grid grid-cols-2 gap-4">
        {images.candidates.map((url, index) => (
          <figure key={url} className="space-y-1">
            <figcaption className="text-sm font-semibold">Image {index === 0 ? "A" : "B"}</figcaption>
            <Thumbnail
              src={url}
              alt={`Candidate image ${index === 0 ? "A" : "B"}`}
              className="max-h-64 w-full rounded-lg border border-slate-200 object-contain"
            />
          </figure>
        ))}
      </div>
    </section>
  );
}
