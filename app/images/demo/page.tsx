import type { Metadata } from "next";
import { DemoSets } from "@/components/demo/DemoSets";
import { requirePageAccess } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Demo sets" };

export default async function DemoSetsPage() {
  await requirePageAccess("own-data", "/images/demo");
  return <DemoSets />;
}
