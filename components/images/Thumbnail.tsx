/** What /api/images/:id/:variant serves: the small thumbnail, or the normalised copy the model sees. */
type ImageVariant = "thumb" | "normalized";

type PictureSource =
  /** A stored image (the library's, a benchmark's), by id. */
  | { imageId: string; variant?: ImageVariant; src?: never }
  /** One of our other picture routes (an annotation item's pictures, the demo's files), by address. */
  | { src: string; imageId?: never; variant?: never };

/**
 * One of our own pictures, as every page shows them: served by our routes
 * behind the session cookie, loaded lazily and decoded off the main thread.
 * The alt text is required: end-to-end tests and screen readers find
 * pictures by it (pass "" only where the surrounding control names the
 * picture). Size and shape come from `className`.
 */
export function Thumbnail({ alt, className, ...source }: { alt: string; className?: string } & PictureSource) {
  const src = source.src !== undefined ? source.src : `/api/images/${source.imageId}/${source.variant ?? "thumb"}`;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- our own authenticated pictures, already sized by our routes; next/image would refetch them through its optimiser
    <img src={src} alt={alt} loading="lazy" decoding="async" className={className} />
  );
}
