/**
 * The one error type of the app. Its code decides the HTTP status and
 * whether the message may be shown to the user as it is.
 */

export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  /** For rate_limited and unavailable: when to try again, sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = "AppError";
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get status(): number {
    return errorCodes[this.code];
  }

  /** 5xx messages may carry internals; the user sees a generic text instead. */
  get publicMessage(): string {
    return this.status >= 500 && this.code === "internal"
      ? "Something went wrong on our side. The error has been logged."
      : this.message;
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string } };

/** Converts anything thrown into the app's error, keeping unknown causes. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("internal", error instanceof Error ? error.message : String(error), { cause: error });
}
