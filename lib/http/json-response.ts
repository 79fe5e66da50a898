import type { z } from "zod";

/**
 * `Response.json` whose body the compiler checks against the endpoint's
 * response schema (the one the pages parse the answer with): a field the
 * schema lacks, or one it needs and the body misses, fails `tsc`. The schema
 * is only a type here; nothing is parsed at run time.
 */
export function jsonResponse<Schema extends z.ZodType>(
  _schema: Schema,
  body: z.input<Schema>,
  init?: ResponseInit,
): Response {
  return Response.json(body, init);
}
