import type { Metadata } from "next";
import { ImageGallery } from "@/components/images/ImageGallery";
import { requirePageAccess } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Images" };

export default async function ImagesPage() {
  await requirePageAccess("own-data", "/images");
  return <ImageGallery />;
}
