import type { ImageJson } from "@/lib/images/image-contract";

/**
 * The file name to show for a picked image. Names come from a lookup by id
 * that may still be on its way ("loading…" would flicker, so a neutral word)
 * or may find nothing, when the image has left the library since a stored
 * assessment used it.
 */
export function pickedImageName(byId: Map<string, ImageJson>, id: string, isLookupDone = true): string {
  const image = byId.get(id);
  if (image) return image.name;
  return isLookupDone ? "removed from your library" : "image";
}
