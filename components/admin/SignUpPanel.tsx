"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { type InvitationJson, newInvitationResponseSchema } from "@/lib/accounts/account-contract";
import { callApi } from "@/lib/http/api-client";
import { adminKeys, invitationsQueryOptions } from "./admin-queries";
import { readRoles } from "./assignable-roles";
import { RoleChoices } from "./RoleChoices";
import { ShownOnceLink } from "./ShownOnceLink";

const policyWords = {
  open: (perHour: number) =>
    `Open (SIGN_UP=open): anyone who reaches this site can make an account, at most ${perHour} an hour from one network address. An invitation link also gives the roles you choose.`,
  invite: () =>
    "By invitation (SIGN_UP=invite): people need an invitation link to make an account. Make one below and hand it over.",
  closed: () =>
    "Closed (SIGN_UP=closed): only administrators make accounts. Make one under New account and hand over its password link; invitation links do not work.",
} as const;

const rolesText = (invitation: InvitationJson) =>
  invitation.roles.length > 0 ? invitation.roles.join(", ") : "user only";

/** The sign-up policy, a form for invitation links, and the invitations that can still be used (with Withdraw). */
export function SignUpPanel() {
  const queryClient = useQueryClient();
  const state = useQuery(invitationsQueryOptions());
  const [made, setMade] = useState<{ url: string; expiresAt: string } | null>(null);
  const create = useMutation({
    mutationFn: (body: { roles: string[]; note: string; expiresInDays: number }) =>
      callApi("/api/admin/invitations", { method: "POST", body, schema: newInvitationResponseSchema }),
    onSuccess: ({ url, invitation }) => setMade({ url, expiresAt: invitation.expiresAt }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.invitations }),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => callApi(`/api/admin/invitations/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.invitations }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      { roles: readRoles(form), note: String(form.get("note") ?? ""), expiresInDays: Number(form.get("days") ?? 7) },
      { onSuccess: () => formElement.reset() },
    );
  }

  if (state.isPending) return <p className="text-sm text-slate-500">Loading the sign-up policy…</p>;
  if (state.error) return <ErrorMessage message={state.error.message} />;
  const { signUp, invitations } = state.data;

  return (
    <section
      aria-labelledby="sign-up-heading"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div>
        <h2 id="sign-up-heading" className="text-base font-semibold">
          Sign-up
        </h2>
        <p className="text-sm text-slate-600">{policyWords[signUp.policy](signUp.perAddressPerHour)}</p>
      </div>
      {signUp.policy !== "closed" && (
        <form onSubmit={submit} className="space-y-3" aria-label="New invitation">
          <RoleChoices idPrefix="invitation-role" legend="Roles the invitation gives besides user" />
          <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
            <TextField
              id="invitation-note"
              name="note"
              label="For whom (your note)"
              placeholder="e.g. Ana, lab intern"
              maxLength={200}
            />
            <TextField
              id="invitation-days"
              name="days"
              type="number"
              label="Works for (days)"
              min={1}
              max={90}
              defaultValue={7}
              required
            />
          </div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Making…" : "Make invitation link"}
          </Button>
        </form>
      )}
      <ErrorMessage message={create.error?.message ?? withdraw.error?.message ?? null} />
      {made && (
        <ShownOnceLink
          id="new-invitation-link"
          title="New invitation link"
          url={made.url}
          expiresAt={made.expiresAt}
          onDismiss={() => setMade(null)}
        />
      )}
      <div>
        <h3 className="text-sm font-semibold">Open invitations</h3>
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-500">None: every invitation has been used, withdrawn or has expired.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2">For</th>
                <th>Roles</th>
                <th>Made by</th>
                <th>Expires</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td className="py-2 pr-3">{invitation.note || <span className="text-slate-400">no note</span>}</td>
                  <td className="pr-3">{rolesText(invitation)}</td>
                  <td className="break-all pr-3">{invitation.createdBy}</td>
                  <td className="pr-3">{new Date(invitation.expiresAt).toLocaleString()}</td>
                  <td className="text-right">
                    <Button
                      variant="danger"
                      disabled={withdraw.isPending}
                      onClick={() => withdraw.mutate(invitation.id)}
                      aria-label={`Withdraw the invitation ${invitation.note || `made ${new Date(invitation.createdAt).toLocaleString()}`}`}
                    >
                      Withdraw
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
