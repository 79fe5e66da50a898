import { ApiError } from "./api-client";

/**
 * POSTs a file (as the body) or a form with XMLHttpRequest, which (unlike
 * fetch) reports upload progress; resolves with the JSON answer, or throws
 * an ApiError worded like callApi's.
 */
export function sendWithProgress(
  url: string,
  body: Blob | FormData,
  onProgress: (fraction: number) => void,
  options: { timeoutMs?: number } = {},
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    // A form sets its own multipart type, with the boundary.
    if (body instanceof Blob) request.setRequestHeader("Content-Type", body.type || "application/octet-stream");
    if (options.timeoutMs) request.timeout = options.timeoutMs;
    request.ontimeout = () => reject(new ApiError(0, "timeout", "The upload took too long and was stopped."));
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // A proxy's HTML error page, say: the status says enough.
      }
      if (request.status >= 200 && request.status < 300) return resolve(body);
      const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      reject(
        typeof error?.message === "string"
          ? new ApiError(request.status, typeof error.code === "string" ? error.code : "unknown", error.message)
          : new ApiError(request.status, "unknown", `The server answered HTTP ${request.status}.`),
      );
    };
    request.onerror = () =>
      reject(new ApiError(0, "network", "Cannot reach the server. Check your connection and try again."));
    request.onabort = () => reject(new ApiError(0, "aborted", "The upload was stopped."));
    request.send(body);
  });
}
