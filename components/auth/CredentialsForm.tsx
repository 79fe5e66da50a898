"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { ApiError, callApi } from "@/lib/http/api-client";

type Mode = "sign-in" | "sign-up";

const words: Record<
  Mode,
  { title: string; submit: string; busy: string; other: { href: string; text: string; link: string } }
> = {
  "sign-in": {
    title: "Sign in",
    submit: "Sign in",
    busy: "Signing in…",
    other: { href: "/sign-up", text: "No account yet?", link: "Create one" },
  },
  "sign-up": {
    title: "Create an account",
    submit: "Create account",
    busy: "Creating…",
    other: { href: "/sign-in", text: "Have an account?", link: "Sign in" },
  },
};

/**
 * Email and password, sent to the sign-in or sign-up API; the server's message is shown as it is.
 * A sign-up that came through an invitation link sends its token, and says what the invitation gives.
 */
export function CredentialsForm({
  mode,
  next,
  invitation,
  notice,
}: {
  mode: Mode;
  next: string;
  invitation?: string;
  notice?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const text = words[mode];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsBusy(true);
    setError(null);
    try {
      await callApi(`/api/auth/${mode}`, {
        method: "POST",
        body: { email: form.get("email"), password: form.get("password"), ...(invitation ? { invitation } : {}) },
      });
      router.replace(next);
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
      <h1 className="text-xl font-semibold">{text.title}</h1>
      {notice ? <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">{notice}</p> : null}
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required autoFocus />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
        hint={mode === "sign-up" ? "At least 10 characters, not a common password." : undefined}
        required
      />
      <ErrorMessage message={error} />
      <Button type="submit" className="w-full" disabled={isBusy}>
        {isBusy ? text.busy : text.submit}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {text.other.text}{" "}
        <Link
          className="font-medium text-brand-700 underline"
          href={`${text.other.href}?next=${encodeURIComponent(next)}`}
        >
          {text.other.link}
        </Link>
      </p>
    </form>
  );
}
