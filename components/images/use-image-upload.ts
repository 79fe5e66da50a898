"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { sendWithProgress } from "@/lib/http/send-with-progress";
import { uploadResponseSchema } from "@/lib/images/image-contract";
import { imageKeys } from "./image-queries";
import { useUploadStore } from "./upload-store";

/** At most this many files travel at once; the server decodes a few at a time anyway. */
const parallelUploads = 3;

/** Sends one file, reporting its upload progress; never throws: a failure comes back in words. */
async function sendFile(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ ok: boolean; message?: string; imageId?: string }> {
  const form = new FormData();
  form.append("files", file, file.name);
  try {
    const parsed = uploadResponseSchema.safeParse(
      await sendWithProgress("/api/images", form, onProgress, { timeoutMs: 10 * 60 * 1000 }),
    );
    const result = parsed.success ? parsed.data.files[0] : undefined;
    if (result?.image)
      return {
        ok: true,
        imageId: result.image.id,
        message: result.image.isDuplicate ? "Already in your library" : undefined,
      };
    return { ok: false, message: result?.error?.message ?? "The server's answer could not be read." };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** What an upload of several files came to: the images added, in the files' order, and each refused file with the server's reason. */
export type UploadOutcome = { ids: string[]; failures: { name: string; message: string }[] };

/** Uploads files, tracking each in the upload list; the library refreshes as they land. Never throws: refusals come back in words. */
export function useImageUpload() {
  const queryClient = useQueryClient();
  const { add, update } = useUploadStore();

  // The gallery reloads at most once a second while files land, from its first page:
  // refetching every loaded page of a large library after each file would be wasteful.
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefresh = useCallback(() => {
    refresh.current ??= setTimeout(() => {
      refresh.current = null;
      void queryClient.resetQueries({ queryKey: imageKeys.all });
    }, 1000);
  }, [queryClient]);

  return useCallback(
    async (files: File[]): Promise<UploadOutcome> => {
      const queue = files.map((file, index) => ({
        file,
        index,
        key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      }));
      const ids: (string | undefined)[] = [];
      const failures: (UploadOutcome["failures"][number] | undefined)[] = [];
      add(
        queue.map(({ file, key }) => ({
          key,
          name: file.name || "pasted image",
          progress: 0,
          status: "waiting" as const,
        })),
      );
      const work = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { file, key, index } = next;
          update(key, { status: "uploading" });
          const result = await sendFile(file, (progress) =>
            update(key, { progress, status: progress >= 1 ? "processing" : "uploading" }),
          );
          update(key, { status: result.ok ? "done" : "failed", progress: 1, message: result.message });
          if (result.ok) scheduleRefresh();
          ids[index] = result.imageId;
          if (!result.ok)
            failures[index] = { name: file.name || "pasted image", message: result.message ?? "The upload failed." };
        }
      };
      await Promise.all(Array.from({ length: Math.min(parallelUploads, queue.length) }, work));
      return {
        ids: ids.filter((id): id is string => id !== undefined),
        failures: failures.filter((failure) => failure !== undefined),
      };
    },
    [add, update, scheduleRefresh],
  );
}
