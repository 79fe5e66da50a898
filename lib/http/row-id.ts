import { z } from "zod";

/**
 * What each kind of row is called when it is not there: the 404 its lib/server
 * lookup answers for a missing row, so that an id which cannot name a row
 * answers exactly as one that names no row.
 */
const missingRowMessages = {
  account: "No such account.",
  annotation: "No such annotation of yours.",
  "annotation item": "No such annotation item.",
  "annotation queue": "No such annotation queue.",
  assessment: "No such assessment.",
  "benchmark result": "No such result.",
  "benchmark subset": "No such benchmark subset.",
  "evaluation run": "No such evaluation run.",
  image: "No such image.",
  invitation: "No such open invitation.",
  "reference set": "No such reference set.",
  "taste quiz": "No such taste quiz.",
  token: "No such token.",
} as const;

export type RowKind = keyof typeof missingRowMessages;

const notFoundMark = { notFound: true } as const;

/** The issue that makes a request's answer a 404 with `message`. */
const notFoundIssue = (message: string) => ({ code: "custom" as const, message, params: notFoundMark });

/** Whether a validation issue came from `notFoundUnless`: the input names nothing (404), it is not malformed (400). */
export function isNotFoundIssue(issue: { code?: string; params?: unknown }): boolean {
  return issue.code === "custom" && (issue.params as typeof notFoundMark | undefined)?.notFound === true;
}

/**
 * A string that must pass `schema`, except that a value it refuses is a 404
 * with `message`, not a 400: a path segment (or an id in a query or body)
 * that cannot name anything.
 */
export function notFoundUnless<T extends z.ZodType>(schema: T, message: string) {
  return z.string().transform((value, context): z.output<T> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    context.addIssue(notFoundIssue(message));
    return z.NEVER;
  });
}

/**
 * A row's id: a UUID (any 8-4-4-4-12 hex form, as PostgreSQL reads them), or
 * the 404 a missing row of that kind answers; the database is never asked
 * about a value it cannot read as an id.
 */
export function rowId(kind: RowKind) {
  return notFoundUnless(z.guid(), missingRowMessages[kind]);
}

/** The 404 issue of a missing row of this kind, for a refinement that decides it itself. */
export function missingRowIssue(kind: RowKind) {
  return notFoundIssue(missingRowMessages[kind]);
}
