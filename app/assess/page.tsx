import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/shell/AreaPlaceholder";

export const metadata: Metadata = { title: "Assess" };

export default function AssessPage() {
  return <AreaPlaceholder href="/assess" />;
}
