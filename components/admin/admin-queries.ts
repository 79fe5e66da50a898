import { queryOptions } from "@tanstack/react-query";
import { invitationsResponseSchema, usersResponseSchema } from "@/lib/accounts/account-contract";
import { callApi } from "@/lib/http/api-client";

/** The admin's view of accounts over /api/admin. */
export const adminKeys = {
  users: ["admin", "users"] as const,
  invitations: ["admin", "invitations"] as const,
};

/** Every account, and whether each has a password yet. */
export const accountsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.users,
    queryFn: () => callApi("/api/admin/users", { schema: usersResponseSchema }),
  });

/** The sign-up policy and the invitations that can still be used. */
export const invitationsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.invitations,
    queryFn: () => callApi("/api/admin/invitations", { schema: invitationsResponseSchema }),
  });
