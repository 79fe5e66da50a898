import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { AreaPlaceholder } from "@/components/shell/AreaPlaceholder";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Annotate" };

export default async function AnnotatePage() {
  const access = await requirePageAccess("annotation", "/annotate");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <AreaPlaceholder href="/annotate" />;
}
