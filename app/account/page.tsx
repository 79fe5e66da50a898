import type { Metadata } from "next";
import { ApiTokensPanel } from "@/components/account/ApiTokensPanel";
import { requirePageAccess } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { actor } = await requirePageAccess("own-data", "/account");
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as <strong>{actor.email}</strong> · roles: {actor.roles.join(", ")}
        </p>
      </div>
      <ApiTokensPanel />
    </div>
  );
}
