import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/shell/AreaPlaceholder";

export const metadata: Metadata = { title: "Benchmarks" };

export default function BenchmarksPage() {
  return <AreaPlaceholder href="/benchmarks" />;
}
