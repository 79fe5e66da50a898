import { Thumbnail } from "@/components/images/Thumbnail";

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
    <Thumbnail
      imageId={imageId}
      variant={size === "large" ? "normalized" : "thumb"}
      alt={alt}
      className={
        size === "large"
          ? "aspect-square w-full rounded-lg bg-slate-100 object-contain"
          : "aspect-square w-24 shrink-0 rounded-md bg-slate-100 object-cover"
      }
    />
  );
}
