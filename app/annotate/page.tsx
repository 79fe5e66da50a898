import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/shell/AreaPlaceholder";

export const metadata: Metadata = { title: "Annotate" };

export default function AnnotatePage() {
  return <AreaPlaceholder href="/annotate" />;
}
