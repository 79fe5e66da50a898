import "server-only";
import { AppError } from "@/lib/errors";

/**
 * A failure of the model server, said so a person can act on it. `retryable`
 * marks the failures worth another try before the first token (connection
 * errors, 429, 5xx); `afterFirstToken` marks those that cut a stream short.
 */
export class ModelServerError extends AppError {
  constructor(
    code: "bad_request" | "bad_gateway" | "unavailable" | "rate_limited",
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(code, message, options);
    this.name = "ModelServerError";
  }
}
