import "server-only";
import { type ErrorBody, toAppError } from "@/lib/errors";

/** The JSON body and status every API error is answered with. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error(appError.cause ?? appError);
  const body: ErrorBody = { error: { code: appError.code, message: appError.publicMessage } };
  const responseHeaders = new Headers(headers);
  if (appError.retryAfterSeconds !== undefined) responseHeaders.set("Retry-After", String(appError.retryAfterSeconds));
  return Response.json(body, { status: appError.status, headers: responseHeaders });
}
