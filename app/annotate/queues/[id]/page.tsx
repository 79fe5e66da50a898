import type { Metadata } from "next";
import { AnnotationWorkspace } from "@/components/annotate/AnnotationWorkspace";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Annotate" };

export default async function AnnotateQueuePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageAccess("annotation", `/annotate/queues/${id}`);
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return <AnnotationWorkspace queueId={id} />;
}
