import { ApiError } from "./api-client";

/**
 * POSTs a file as the request body with XMLHttpRequest, which (unlike
 * fetch) reports upload progress; resolves with the JSON answer, or throws
 * an ApiError worded like callApi's.
 */
export function sendWithProgress(url: string, file: Blob, onProgress: (fraction: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
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
    request.onerror = () => reject(new ApiError(0, "network", "Cannot reach the server. Check your connection and try again."));
    request.onabort = () => reject(new ApiError(0, "aborted", "The upload was stopped."));
    request.send(file);
  });
}
