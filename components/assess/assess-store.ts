"use client";

import { createContext, createElement, type ReactNode, useContext, useState } from "react";
import { createStore, type StoreApi, useStore } from "zustand";
import {
  applyEvent,
  emptyLiveAssessment,
  type IncomingEvent,
  type LiveAssessment,
} from "@/lib/assessments/live-assessment";
import type { AssessmentMode } from "@/lib/preferthinker/types";
import { cancelAssessment, followAssessmentStream, openAssessmentEvents } from "./follow-assessment-stream";

/**
 * The assess page's own state: the reference set being built, the
 * candidates, the chosen mode and endpoint, and the assessment streaming in.
 * One store per page (the provider below), so two tabs never share a run.
 */

export type Column = "preferred" | "nonPreferred";
export type Slot = 0 | 1;

type Picker = {
  preferred: string[];
  nonPreferred: string[];
  candidates: [string | null, string | null];
  mode: AssessmentMode;
  endpoint: string | null;
  referenceSetId: string | null;
};

export type AssessState = Picker & {
  live: LiveAssessment;
  /** Why the last start or follow failed before any event (a 4xx body, a network error). */
  startError: string | null;
  addTo(column: Column, ids: string[]): void;
  removeFrom(column: Column, id: string): void;
  move(column: Column, from: number, to: number): void;
  setCandidate(slot: Slot, id: string | null): void;
  swapCandidates(): void;
  setMode(mode: AssessmentMode): void;
  setEndpoint(endpoint: string | null): void;
  loadReferenceSet(set: { id: string; preferredImageIds: string[]; nonPreferredImageIds: string[] } | null): void;
  loadPicker(picker: Partial<Picker>): void;
  start(extra?: { swapOf?: string; candidates?: [string, string] }): Promise<string | null>;
  follow(assessmentId: string): Promise<void>;
  cancel(): Promise<void>;
  clearRun(): void;
};

export function createAssessStore(): StoreApi<AssessState> {
  let controller: AbortController | null = null;

  const store = createStore<AssessState>()((set, get) => {
    const apply = (events: IncomingEvent[]) => set((state) => ({ live: events.reduce(applyEvent, state.live) }));

    /** Follows a run to its end through the one stream reader pages share; a newer run replaces an older one. */
    async function consume(open: (signal: AbortSignal) => Promise<Response>): Promise<void> {
      controller?.abort();
      const own = new AbortController();
      controller = own;
      const refused = await followAssessmentStream({
        open,
        onEvents: apply,
        current: () => get().live,
        signal: own.signal,
      });
      if (refused !== null && controller === own)
        set({
          startError: refused,
          live: { ...get().live, status: get().live.assessmentId ? get().live.status : "idle" },
        });
    }

    return {
      preferred: [],
      nonPreferred: [],
      candidates: [null, null],
      mode: "reasoning",
      endpoint: null,
      referenceSetId: null,
      live: emptyLiveAssessment,
      startError: null,
      addTo: (column, ids) =>
        set((state) => {
          const other: Column = column === "preferred" ? "nonPreferred" : "preferred";
          // An image is liked or disliked, not both: adding it to one column takes it out of the other.
          return {
            [column]: [...state[column], ...ids.filter((id) => !state[column].includes(id))],
            [other]: state[other].filter((id) => !ids.includes(id)),
          } as Partial<AssessState>;
        }),
      removeFrom: (column, id) =>
        set((state) => ({ [column]: state[column].filter((entry) => entry !== id) }) as Partial<AssessState>),
      move: (column, from, to) =>
        set((state) => {
          const list = [...state[column]];
          if (to < 0 || to >= list.length) return {};
          const [moved] = list.splice(from, 1);
          list.splice(to, 0, moved!);
          return { [column]: list } as Partial<AssessState>;
        }),
      setCandidate: (slot, id) =>
        set((state) => {
          const candidates: [string | null, string | null] = [...state.candidates];
          candidates[slot] = id;
          return { candidates };
        }),
      swapCandidates: () => set((state) => ({ candidates: [state.candidates[1], state.candidates[0]] })),
      setMode: (mode) => set({ mode }),
      setEndpoint: (endpoint) => set({ endpoint }),
      loadReferenceSet: (referenceSet) =>
        set(
          referenceSet
            ? {
                referenceSetId: referenceSet.id,
                preferred: referenceSet.preferredImageIds,
                nonPreferred: referenceSet.nonPreferredImageIds,
              }
            : { referenceSetId: null },
        ),
      loadPicker: (picker) => set(picker),
      start: async (extra = {}) => {
        const state = get();
        const candidates = extra.candidates ?? (state.mode === "single" ? [state.candidates[0]] : state.candidates);
        set({ live: { ...emptyLiveAssessment, status: "connecting" }, startError: null });
        const body = {
          preferredImageIds: state.preferred,
          nonPreferredImageIds: state.nonPreferred,
          candidateImageIds: candidates.filter((id): id is string => id !== null),
          mode: state.mode,
          ...(state.endpoint ? { endpoint: state.endpoint } : {}),
          ...(state.referenceSetId ? { referenceSetId: state.referenceSetId } : {}),
          ...(extra.swapOf ? { swapOf: extra.swapOf } : {}),
        };
        await consume((signal) =>
          fetch("/api/assessments", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body),
            cache: "no-store",
            signal,
          }),
        );
        return get().live.assessmentId;
      },
      follow: async (assessmentId) => {
        set({ live: { ...emptyLiveAssessment, assessmentId, status: "connecting" }, startError: null });
        await consume((signal) => openAssessmentEvents(assessmentId, 0, signal));
      },
      cancel: async () => {
        const id = get().live.assessmentId;
        if (!id) return;
        const refused = await cancelAssessment(id);
        if (refused) set({ startError: refused });
      },
      clearRun: () => {
        controller?.abort();
        set({ live: emptyLiveAssessment, startError: null });
      },
    };
  });
  return store;
}

const AssessStoreContext = createContext<StoreApi<AssessState> | null>(null);

export function AssessStoreProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createAssessStore);
  return createElement(AssessStoreContext.Provider, { value: store }, children);
}

/** A slice of the page's state; re-renders only when that slice changes. */
export function useAssess<T>(selector: (state: AssessState) => T): T {
  const store = useContext(AssessStoreContext);
  if (!store) throw new Error("useAssess needs an AssessStoreProvider above it");
  return useStore(store, selector);
}

/** The store itself, for event handlers that read the latest state. */
export function useAssessStore(): StoreApi<AssessState> {
  const store = useContext(AssessStoreContext);
  if (!store) throw new Error("useAssessStore needs an AssessStoreProvider above it");
  return store;
}
