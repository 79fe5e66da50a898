import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/CredentialsForm";
import { getPageActor } from "@/lib/auth/page-actor";
import { safeNextPath } from "@/lib/http/safe-next-path";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getPageActor()) redirect(next);
  return <CredentialsForm mode="sign-up" next={next} />;
}
