"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { passwordLinkResponseSchema, type UserJson, userResponseSchema } from "@/lib/accounts/account-contract";
import { callApi } from "@/lib/http/api-client";
import { accountsQueryOptions, adminKeys } from "./admin-queries";
import { assignableRoles } from "./assignable-roles";
import { ShownOnceLink } from "./ShownOnceLink";

type AccountChange = { id: string; roles?: UserJson["roles"]; disabled?: boolean };

/** Every account with its roles (toggled in place), whether it has a password, a password link to hand over, and a disable switch. */
export function AccountsTable({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery(accountsQueryOptions());
  // The change on screen while it is sent. Kept in component state rather than the query cache so that
  // a checkbox shows its new state within the same click, as a native control would.
  const [pendingChange, setPendingChange] = useState<AccountChange | null>(null);
  const change = useMutation({
    mutationFn: ({ id, ...body }: AccountChange) =>
      callApi(`/api/admin/users/${id}`, { method: "PATCH", body, schema: userResponseSchema }),
    onSuccess: ({ user: saved }) =>
      queryClient.setQueryData(
        accountsQueryOptions().queryKey,
        (data) => data && { users: data.users.map((user) => (user.id === saved.id ? saved : user)) },
      ),
    // A refusal (say, removing the last admin) puts the row back: the pending change is dropped either way.
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
      setPendingChange(null);
    },
  });
  const [link, setLink] = useState<{ email: string; url: string; expiresAt: string } | null>(null);
  const makeLink = useMutation({
    mutationFn: (user: UserJson) =>
      callApi(`/api/admin/users/${user.id}/password-link`, {
        method: "POST",
        body: {},
        schema: passwordLinkResponseSchema,
      }),
    onSuccess: (answer, user) => setLink({ email: user.email, ...answer }),
  });
  // While a change is on its way the controls say they are disabled but keep keyboard focus.
  const send = (accountChange: AccountChange) => {
    if (pendingChange) return;
    setPendingChange(accountChange);
    change.mutate(accountChange);
  };
  const shown = (user: UserJson): UserJson => {
    return pendingChange?.id === user.id ? { ...user, ...pendingChange } : user;
  };

  if (users.isPending) return <p className="text-sm text-slate-500">Loading accounts…</p>;
  if (users.error) return <ErrorMessage message={users.error.message} />;

  return (
    <div className="space-y-3">
      <ErrorMessage message={change.error?.message ?? makeLink.error?.message ?? null} />
      {link && (
        <ShownOnceLink
          id="password-link"
          title={`Password link for ${link.email}`}
          url={link.url}
          expiresAt={link.expiresAt}
          onDismiss={() => setLink(null)}
        />
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2">Email</th>
            {assignableRoles.map((role) => (
              <th key={role}>{role}</th>
            ))}
            <th>Password</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.data.users.map(shown).map((user) => (
            <tr key={user.id} className={user.disabled ? "text-slate-400" : ""}>
              <td className="py-2">
                {user.email}
                {user.id === currentUserId && <span className="ml-2 text-xs text-slate-500">(you)</span>}
              </td>
              {assignableRoles.map((role) => (
                <td key={role}>
                  <input
                    type="checkbox"
                    className="h-4 w-4 aria-disabled:opacity-50"
                    aria-label={`${role} role for ${user.email}`}
                    checked={user.roles.includes(role)}
                    aria-disabled={pendingChange !== null}
                    onChange={(event) =>
                      send({
                        id: user.id,
                        roles: event.target.checked
                          ? [...user.roles, role]
                          : user.roles.filter((held) => held !== role),
                      })
                    }
                  />
                </td>
              ))}
              <td>
                <div className="flex items-center gap-2">
                  {user.passwordSet === false ? (
                    <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">not set yet</span>
                  ) : (
                    <span className="text-xs text-slate-500">set</span>
                  )}
                  <Button
                    variant="secondary"
                    disabled={makeLink.isPending}
                    onClick={() => makeLink.mutate(user)}
                    aria-label={`Make a password link for ${user.email}`}
                  >
                    Password link
                  </Button>
                </div>
              </td>
              <td>
                <Button
                  variant={user.disabled ? "secondary" : "danger"}
                  aria-disabled={pendingChange !== null}
                  onClick={() => send({ id: user.id, disabled: !user.disabled })}
                  aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                >
                  {user.disabled ? "Enable" : "Disable"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
