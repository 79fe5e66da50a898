import { create } from "zustand";

/** Uploads in progress and done, one entry per file, for the upload list. */
export type UploadItem = {
  key: string;
  name: string;
  /** 0-1 of the bytes sent. */
  progress: number;
  status: "waiting" | "uploading" | "processing" | "done" | "failed";
  message?: string;
};

type UploadState = {
  items: UploadItem[];
  add(items: UploadItem[]): void;
  update(key: string, change: Partial<UploadItem>): void;
  clearFinished(): void;
};

export const useUploadStore = create<UploadState>()((set) => ({
  items: [],
  add: (items) => set((state) => ({ items: [...state.items, ...items] })),
  update: (key, change) =>
    set((state) => ({ items: state.items.map((item) => (item.key === key ? { ...item, ...change } : item)) })),
  clearFinished: () =>
    set((state) => ({ items: state.items.filter((item) => item.status !== "done" && item.status !== "failed") })),
}));
