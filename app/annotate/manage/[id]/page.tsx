import type { Metadata } from "next";
import { QueueDetailView } from "@/components/annotate/QueueDetailView";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Annotation queue" };

export default async function ManageQueuePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageAccess("annotation-queues", `/annotate/manage/${id}`);
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <QueueDetailView queueId={id} />;
}
