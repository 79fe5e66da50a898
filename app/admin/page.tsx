import type { Metadata } from "next";
import { AccountsTable } from "@/components/admin/AccountsTable";
import { NewAccountForm } from "@/components/admin/NewAccountForm";
import { SignUpPanel } from "@/components/admin/SignUpPanel";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const access = await requirePageAccess("accounts", "/admin");
  if (!access.allowed) return <AccessDenied role="admin" />;
  return (
    <div className="space-y-6">
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
          <p className="mt-1 text-sm text-slate-600">
            Everyone holds the user role. Disabling an account ends its sessions and stops its API tokens at once. A
            password link lets someone who forgot their password choose a new one; it signs out their other browsers.
          </p>
        </div>
        <AccountsTable currentUserId={access.actor.userId} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <SignUpPanel />
        <NewAccountForm />
      </div>
    </div>
  );
}
