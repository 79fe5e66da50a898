import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { AreaPlaceholder } from "@/components/shell/AreaPlaceholder";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage() {
  const access = await requirePageAccess("own-data", "/history");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <AreaPlaceholder href="/history" />;
}
