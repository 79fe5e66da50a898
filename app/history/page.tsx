import type { Metadata } from "next";
import { Suspense } from "react";
import { HistoryView } from "@/components/history/HistoryView";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage() {
  const access = await requirePageAccess("own-data", "/history");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  // The filters are read from the address on the client (useSearchParams).
  return (
    <Suspense>
      <HistoryView />
    </Suspense>
  );
}
