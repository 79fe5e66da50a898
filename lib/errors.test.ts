import { describe, expect, it } from "vitest";
import { AppError, toAppError } from "./errors";
import { errorResponse } from "./http/error-response";

describe("AppError", () => {
  it("maps its code to an HTTP status", () => {
    expect(new AppError("not_found", "No such image").status).toBe(404);
    expect(new AppError("rate_limited", "Slow down").status).toBe(429);
  });

  it("hides internal details from the user", async () => {
    const response = errorResponse(new Error("password=hunter2 in connection string"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe("internal");
    expect(body.error.message).not.toContain("hunter2");
  });

  it("keeps a deliberate message for client errors", async () => {
    const response = errorResponse(new AppError("bad_request", "PORT must be a number"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: "PORT must be a number" } });
  });

  it("wraps unknown values", () => {
    expect(toAppError("boom").code).toBe("internal");
  });
});
