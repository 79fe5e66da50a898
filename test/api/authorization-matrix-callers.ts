import type { Database } from "@/lib/db/open-database";
import type { TestPerson } from "@/test/fixtures/people";
import type { CallOptions } from "@/test/route-harness";

/** Who calls in the authorisation matrix, and the statuses each kind of route gives them. */

export const callers = ["anonymous", "owner", "other", "annotator", "researcher", "admin"] as const;
export type Caller = (typeof callers)[number];
export type Context = { database: Database; people: Record<Exclude<Caller, "anonymous"> | "target", TestPerson> };
export type Cell = {
  expected: Record<Caller, number>;
  request: (context: Context) => Promise<CallOptions & { path: string }> | (CallOptions & { path: string });
};

export const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(callers.map((caller) => [caller, status])) as Record<Caller, number>;
export const signedIn = (status: number, anonymous = 401): Record<Caller, number> => ({
  ...everyone(status),
  anonymous,
});
export const researchers = (status: number): Record<Caller, number> => ({
  ...everyone(403),
  anonymous: 401,
  researcher: status,
  admin: status,
});
export const annotators = (status: number): Record<Caller, number> => ({
  ...everyone(403),
  anonymous: 401,
  annotator: status,
  admin: status,
});
export const adminsOnly = (status: number): Record<Caller, number> => ({
  ...everyone(403),
  anonymous: 401,
  admin: status,
});
