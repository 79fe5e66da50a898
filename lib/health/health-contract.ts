import { z } from "zod";

/**
 * The body of GET /api/health, shared by the server that writes it and the
 * pages that read it (which parse it: a proxy or an old server may answer
 * with anything). Strangers get `status` alone; signed-in people also get
 * whether the database and the model server answer; only admins get the
 * model server's address, its models and the error messages.
 */

export const databaseHealthSchema = z.object({
  kind: z.enum(["embedded", "postgres"]),
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  message: z.string().optional(),
});

export const modelServerHealthSchema = z.discriminatedUnion("configured", [
  z.object({ configured: z.literal(false), ok: z.literal(false), message: z.string() }),
  z.object({
    configured: z.literal(true),
    ok: z.boolean(),
    /** For admins: where the server is, which model is asked for, what it serves. */
    url: z.string().optional(),
    model: z.string().nullable().optional(),
    servedModels: z.array(z.string()).optional(),
    latencyMs: z.number().nullable(),
    message: z.string().optional(),
  }),
]);

export const healthSchema = z.object({
  /** ok: everything answers; degraded: the database answers, the model server does not; error: the database does not. */
  status: z.enum(["ok", "degraded", "error"]),
  database: databaseHealthSchema.optional(),
  model: modelServerHealthSchema.optional(),
  version: z.string().optional(),
});

export type DatabaseHealth = z.infer<typeof databaseHealthSchema>;
export type ModelServerHealth = z.infer<typeof modelServerHealthSchema>;
export type Health = z.infer<typeof healthSchema>;

/** The body of GET /api/health/ready when the instance takes requests; otherwise the API's error body, with 503. */
export const readinessSchema = z.object({ ready: z.literal(true) });
