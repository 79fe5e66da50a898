"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/lib/http/api-client";

export function SignOutButton() {
  const router = useRouter();
  const [isBusy, setIsBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={isBusy}
      className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
      onClick={async () => {
        setIsBusy(true);
        await callApi("/api/auth/sign-out", { method: "POST" }).catch(() => {});
        router.replace("/");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
