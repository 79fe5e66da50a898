import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/CredentialsForm";
import { SignUpUnavailable } from "@/components/auth/SignUpUnavailable";
import { getPageActor } from "@/lib/auth/page-actor";
import { getDatabase } from "@/lib/db/client";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { getSignUpState } from "@/lib/server/accounts/get-sign-up-state";

export const metadata: Metadata = { title: "Create an account" };

type Search = { next?: string | string[]; invitation?: string | string[] };

const roleWords = (roles: string[]) => (roles.length === 0 ? "" : ` as ${roles.join(" and ")}`);

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const next = safeNextPath(search.next);
  if (await getPageActor()) redirect(next);
  const invitation = typeof search.invitation === "string" ? search.invitation : undefined;
  const state = await getSignUpState(await getDatabase(), invitation);
  if (!state.form) {
    return (
      <div className="mx-auto max-w-sm space-y-4">
        <SignUpUnavailable state={state} />
        <p className="text-center text-sm text-slate-600">
          Have an account?{" "}
          <Link className="font-medium text-brand-700 underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  const notice =
    state.reason === "invited"
      ? `You were invited to join${roleWords(state.roles)}. Choose your email and password.`
      : state.reason === "first-account"
        ? "This is the installation's first account: it becomes the administrator."
        : undefined;
  return (
    <CredentialsForm
      mode="sign-up"
      next={next}
      invitation={state.reason === "invited" ? invitation : undefined}
      notice={notice}
    />
  );
}
