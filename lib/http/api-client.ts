import { z } from "zod";

/** The browser's calls to our API: JSON in and out, errors as the server worded them. */

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type CallOptions = {
  method?: string;
  body?: unknown;
  /** Error statuses whose body is still the answer (GET /api/health's 503 carries its health report). */
  answeredStatuses?: readonly number[];
};

/**
 * Calls one of our endpoints: a JSON body out, the JSON answer back, checked
 * with the endpoint's response schema from its contract file (an answer it
 * refuses is an ApiError "bad_response"); an error status throws an ApiError
 * worded as the server worded it.
 */
export async function callApi<T>(path: string, options: CallOptions & { schema: z.ZodType<T> }): Promise<T>;
export async function callApi(path: string, options?: CallOptions): Promise<unknown>;
export async function callApi(path: string, options: CallOptions & { schema?: z.ZodType } = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers: options.body === undefined ? {} : { "Content-Type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server. Check your connection and try again.");
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok && !options.answeredStatuses?.includes(response.status)) {
    const parsed = errorBodySchema.safeParse(body);
    throw parsed.success
      ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
      : new ApiError(response.status, "unknown", `The server answered HTTP ${response.status}.`);
  }
  if (!options.schema) return body;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, "bad_response", "The server's answer was not understood.");
  return parsed.data;
}
