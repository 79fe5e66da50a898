import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { TasteQuiz } from "@/components/taste/TasteQuiz";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Find my taste" };

export default async function TastePage() {
  const access = await requirePageAccess("own-data", "/taste");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Find my taste</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Pick the picture you prefer, about fifteen times. Each pair is chosen to learn the most from your answer; then
          the five pictures you like most and the five you like least become your reference set for PreferThinker. Keys:
          1 left, 2 right, 0 neither, z undo.
        </p>
      </div>
      <TasteQuiz />
    </div>
  );
}
