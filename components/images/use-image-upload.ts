"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { uploadResponseSchema } from "@/lib/images/image-api";
import { useUploadStore } from "./upload-store";

/** At most this many files travel at once; the server decodes a few at a time anyway. */
const parallelUploads = 3;

/** Sends one file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function sendFile(file: File, onProgress: (fraction: number) => void): Promise<{ ok: boolean; message?: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/images");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const parsed = uploadResponseSchema.safeParse(JSON.parse(request.responseText || "null"));
      const result = parsed.success ? parsed.data.files[0] : undefined;
      if (result?.image) resolve({ ok: true, message: result.image.isDuplicate ? "Already in your library" : undefined });
      else resolve({ ok: false, message: result?.error?.message ?? `The server answered HTTP ${request.status}.` });
    };
    request.onerror = () => resolve({ ok: false, message: "Cannot reach the server. Check your connection and try again." });
    const form = new FormData();
    form.append("files", file, file.name);
    request.send(form);
  });
}

/** Uploads files, tracking each in the upload list; the gallery refreshes as they land. */
export function useImageUpload() {
  const queryClient = useQueryClient();
  const { add, update } = useUploadStore();

  return useCallback(
    async (files: File[]) => {
      const queue = files.map((file) => ({ file, key: `${Date.now()}-${Math.random().toString(36).slice(2)}` }));
      add(queue.map(({ file, key }) => ({ key, name: file.name || "pasted image", progress: 0, status: "waiting" as const })));
      const work = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { file, key } = next;
          update(key, { status: "uploading" });
          const result = await sendFile(file, (progress) => update(key, { progress, status: progress >= 1 ? "processing" : "uploading" }));
          update(key, { status: result.ok ? "done" : "failed", progress: 1, message: result.message });
          if (result.ok) void queryClient.invalidateQueries({ queryKey: ["images"] });
        }
      };
      await Promise.all(Array.from({ length: Math.min(parallelUploads, queue.length) }, work));
    },
    [add, update, queryClient],
  );
}
