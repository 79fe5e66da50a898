import { create } from "zustand";

/** Which images of the gallery are selected; the anchor is where a shift-click range starts. */
type SelectionState = {
  selected: ReadonlySet<string>;
  anchor: string | null;
  toggle(id: string): void;
  selectRange(ids: string[]): void;
  clear(): void;
};

export const useSelectionStore = create<SelectionState>()((set) => ({
  selected: new Set(),
  anchor: null,
  toggle: (id) =>
    set((state) => {
      const selected = new Set(state.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected, anchor: id };
    }),
  selectRange: (ids) => set((state) => ({ selected: new Set([...state.selected, ...ids]) })),
  clear: () => set({ selected: new Set(), anchor: null }),
}));
