/** A picture of the quiz: large (as the model sees it) for the pair, small for the result's lists. */
export function TastePicture({
  imageId,
  alt,
  size = "large",
}: {
  imageId: string;
  alt: string;
  size?: "large" | "small";
}) {
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-img-element -- our own authenticated pictures; next/image would refetch them through its optimiser */}
      <img
        src={`/api/images/${imageId}/${size === "large" ? "normalized" : "thumb"}`}
        alt={alt}
        className={
          size === "large"
            ? "aspect-square w-full rounded-lg bg-slate-100 object-contain"
            : "aspect-square w-24 shrink-0 rounded-md bg-slate-100 object-cover"
        }
      />
    </>
  );
}
