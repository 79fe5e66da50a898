"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { ApiError, callApi } from "@/lib/http/api-client";

/** Chooses the password of the account a one-time link names, then signs in and goes home. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get("password") !== form.get("repeat")) {
      setError("The two passwords differ: type the same one twice.");
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      await callApi("/api/auth/password", { method: "POST", body: { token, password: form.get("password") } });
      router.replace("/");
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
      setIsBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="mx-auto max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      noValidate
    >
      <h1 className="text-xl font-semibold">Set your password</h1>
      <p className="text-sm text-slate-700">
        For <strong>{email}</strong>. The link works once; other browsers signed in to this account are signed out.
      </p>
      {/* A hidden username lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id="password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint="At least 10 characters, not a common password."
        required
        autoFocus
      />
      <TextField
        id="repeat"
        name="repeat"
        type="password"
        label="Repeat the password"
        autoComplete="new-password"
        required
      />
      <ErrorMessage message={error} />
      <Button type="submit" className="w-full" disabled={isBusy}>
        {isBusy ? "Saving…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
