import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/auth/SetPasswordForm";
import { getDatabase } from "@/lib/db/client";
import { getPasswordLinkAccount } from "@/lib/db/password-links";

export const metadata: Metadata = { title: "Set your password" };

/** Where an administrator's one-time password link leads: the account's email, and a password to choose. */
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const account =
    typeof token === "string" && token.length <= 100 ? await getPasswordLinkAccount(await getDatabase(), token) : null;
  if (!account || typeof token !== "string") {
    return (
      <section
        aria-labelledby="link-unusable"
        className="mx-auto max-w-sm space-y-2 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h1 id="link-unusable" className="text-xl font-semibold">
          This link cannot be used
        </h1>
        <p className="text-sm text-slate-700">
          Password links work once and for a few days. This one was used already, has expired, or is incomplete. Ask an
          administrator for a new one.
        </p>
      </section>
    );
  }
  return <SetPasswordForm token={token} email={account.email} />;
}
