"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { newTokenResponseSchema } from "@/lib/accounts/account-contract";
import { callApi } from "@/lib/http/api-client";
import { type CreatedToken, shownTokenSecret } from "./shown-token-secret";
import { tokenKeys, tokensQueryOptions } from "./token-queries";

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/** Personal API tokens: create one (its secret is shown once), see them, revoke them. */
export function ApiTokensPanel() {
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQueryOptions());
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useMutation({
    mutationFn: (name: string) =>
      callApi("/api/tokens", { method: "POST", body: { name }, schema: newTokenResponseSchema }),
    onSuccess: (created) => {
      setCreated({ tokenId: created.token.id, secret: created.secret });
      void queryClient.invalidateQueries({ queryKey: tokenKeys.list });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => callApi(`/api/tokens/${id}`, { method: "DELETE" }),
    // The revoked token's secret leaves the page at once, not only when the list has reloaded.
    onSuccess: (_answer, id) => setCreated((shown) => (shown?.tokenId === id ? null : shown)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.list }),
  });
  const secret = shownTokenSecret(created, tokens.data?.tokens);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(String(new FormData(form).get("name") ?? ""), { onSuccess: () => form.reset() });
  }

  return (
    <section
      aria-labelledby="tokens-heading"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div>
        <h2 id="tokens-heading" className="text-base font-semibold">
          API tokens
        </h2>
        <p className="text-sm text-slate-600">
          For scripts and the command line: send{" "}
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </div>
      <form onSubmit={submit} className="flex items-end gap-2">
        <div className="flex-1">
          <TextField
            id="token-name"
            name="name"
            label="New token's name"
            placeholder="e.g. evaluation script"
            required
            maxLength={80}
          />
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <ErrorMessage message={create.error?.message ?? revoke.error?.message ?? null} />
      {secret && (
        <div role="status" className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="font-medium">Copy your new token now: it will not be shown again.</p>
          <code data-testid="new-token-secret" className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {secret}
          </code>
        </div>
      )}
      {tokens.error && <ErrorMessage message={tokens.error.message} />}
      {tokens.data && tokens.data.tokens.length === 0 && <p className="text-sm text-slate-500">No tokens yet.</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Starts with</th>
              <th>Created</th>
              <th>Last used</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.data.tokens.map((token) => (
              <tr key={token.id} className={token.revoked ? "text-slate-400" : ""}>
                <td className="py-2">{token.name}</td>
                <td className="font-mono text-xs">{token.prefix}…</td>
                <td>{formatDate(token.createdAt)}</td>
                <td>{formatDate(token.lastUsedAt)}</td>
                <td className="text-right">
                  {token.revoked ? (
                    "Revoked"
                  ) : (
                    <Button
                      variant="danger"
                      onClick={() => revoke.mutate(token.id)}
                      disabled={revoke.isPending}
                      aria-label={`Revoke ${token.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
