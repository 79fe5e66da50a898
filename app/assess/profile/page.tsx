import type { Metadata } from "next";
import { MyProfile } from "@/components/assess/MyProfile";
import { AccessDenied } from "@/components/shell/AccessDenied";
import { requirePageAccess } from "@/lib/auth/page-actor";
import { roleGranting } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "My profile" };

export default async function MyProfilePage({ searchParams }: { searchParams: Promise<{ set?: string | string[] }> }) {
  const access = await requirePageAccess("own-data", "/assess/profile");
  if (!access.allowed) return <AccessDenied role={roleGranting[access.capability]} />;
  const { set } = await searchParams;
  return <MyProfile initialSetId={typeof set === "string" ? set : null} />;
}
