import { queryOptions } from "@tanstack/react-query";
import { tokensResponseSchema } from "@/lib/accounts/account-contract";
import { callApi } from "@/lib/http/api-client";

/** The person's API tokens over /api/tokens. */
export const tokenKeys = { list: ["tokens"] as const };

/** The person's API tokens, revoked ones included. */
export const tokensQueryOptions = () =>
  queryOptions({
    queryKey: tokenKeys.list,
    queryFn: () => callApi("/api/tokens", { schema: tokensResponseSchema }),
  });
