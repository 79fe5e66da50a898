import type { Metadata } from "next";
import { AnnotateHome } from "@/components/annotate/AnnotateHome";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Annotate" };

export default async function AnnotatePage() {
  const access = await requirePageAccess("own-data", "/annotate");
  const canWork = can(access.actor, "annotation");
  const canManage = can(access.actor, "annotation-queues");
  if (!canWork && !canManage) return <AccessDenied role="annotator" />;
  return <AnnotateHome canWork={canWork} canManage={canManage} canReadRuns={can(access.actor, "benchmarks")} />;
}
