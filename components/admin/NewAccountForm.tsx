"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { newAccountResponseSchema } from "@/lib/accounts/account-contract";
import { callApi } from "@/lib/http/api-client";
import { adminKeys } from "./admin-queries";
import { readRoles } from "./assignable-roles";
import { RoleChoices } from "./RoleChoices";
import { ShownOnceLink } from "./ShownOnceLink";

/** An admin makes an account with its roles; its person chooses a password through the one-time link shown here. */
export function NewAccountForm() {
  const queryClient = useQueryClient();
  const [made, setMade] = useState<{ email: string; url: string; expiresAt: string } | null>(null);
  const create = useMutation({
    mutationFn: (body: { email: string; roles: string[] }) =>
      callApi("/api/admin/users", { method: "POST", body, schema: newAccountResponseSchema }),
    onSuccess: ({ user, passwordLink }) => setMade({ email: user.email, ...passwordLink }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      { email: String(form.get("email") ?? ""), roles: readRoles(form) },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <section
      aria-labelledby="new-account-heading"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div>
        <h2 id="new-account-heading" className="text-base font-semibold">
          New account
        </h2>
        <p className="text-sm text-slate-600">
          The account has no password until its person opens the link you hand over and chooses one.
        </p>
      </div>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <TextField id="new-account-email" name="email" type="email" label="Email" autoComplete="off" required />
        <RoleChoices idPrefix="new-account-role" legend="Roles besides user" />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Making…" : "Make account"}
        </Button>
      </form>
      <ErrorMessage message={create.error?.message ?? null} />
      {made && (
        <ShownOnceLink
          id="new-account-link"
          title={`Password link for ${made.email}`}
          url={made.url}
          expiresAt={made.expiresAt}
          onDismiss={() => setMade(null)}
        />
      )}
    </section>
  );
}
