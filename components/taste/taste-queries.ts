import { queryOptions } from "@tanstack/react-query";
import { ApiError, callApi } from "@/lib/http/api-client";
import {
  type TasteSessionState,
  tasteCheckStateSchema,
  tasteResultSchema,
  tasteSessionStateSchema,
} from "@/lib/taste/taste-contract";

/** The person's quiz under way, or null when none is (a 404 from the server). */
async function fetchCurrentSession(): Promise<TasteSessionState | null> {
  try {
    return await callApi("/api/taste/sessions/current", { schema: tasteSessionStateSchema });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The person's taste quizzes over /api/taste. */
export const tasteKeys = {
  current: ["taste", "current"] as const,
  result: (id: string, clicks: number) => ["taste", "result", id, clicks] as const,
  check: (id: string) => ["taste", "check", id] as const,
};

export const currentTasteSessionQueryOptions = () =>
  queryOptions({ queryKey: tasteKeys.current, queryFn: fetchCurrentSession });

/** The references the answers so far point to; keyed by the click count, so a new answer asks again. */
export const tasteResultQueryOptions = (id: string, clicks: number) =>
  queryOptions({
    queryKey: tasteKeys.result(id, clicks),
    queryFn: () => callApi(`/api/taste/sessions/${id}/result`, { schema: tasteResultSchema }),
  });

/** "Check my taste" of a quiz: not begun, under way (resumed after a reload), or done with its figure. */
export const tasteCheckQueryOptions = (id: string) =>
  queryOptions({
    queryKey: tasteKeys.check(id),
    queryFn: async () => (await callApi(`/api/taste/sessions/${id}/check`, { schema: tasteCheckStateSchema })).check,
  });
