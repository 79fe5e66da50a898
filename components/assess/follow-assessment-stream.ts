"use client";

import { hasEnded, type IncomingEvent, type LiveAssessment } from "@/lib/assessments/live-assessment";
import { readEventStream } from "./read-event-stream";

const maxAttempts = 5;

/** The events of an assessment after `lastEventId`, from any page that follows one. */
export function openAssessmentEvents(assessmentId: string, lastEventId: number, signal: AbortSignal) {
  return fetch(`/api/assessments/${assessmentId}/events`, {
    headers: { "Last-Event-ID": String(lastEventId) },
    cache: "no-store",
    signal,
  });
}

/** The message of a JSON error body (`{error: {message}}`), or null. */
async function readErrorMessage(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  return typeof body?.error?.message === "string" ? body.error.message : null;
}

/**
 * Asks the server to stop an assessment. Answers why it could not, or null:
 * a run that already ended (409) needs no cancel, so that is no error.
 */
export async function cancelAssessment(assessmentId: string): Promise<string | null> {
  const response = await fetch(`/api/assessments/${assessmentId}/cancel`, { method: "POST", cache: "no-store" }).catch(
    () => null,
  );
  if (!response) return "The server could not be reached to cancel the assessment.";
  if (response.ok || response.status === 409) return null;
  return (await readErrorMessage(response)) ?? "The assessment could not be cancelled.";
}

export type FollowOptions = {
  /** Opens the stream the first time: POST /api/assessments to start one, or its events to follow it. */
  open: (signal: AbortSignal) => Promise<Response>;
  /** Receives the events in batches (one per animation frame at most). */
  onEvents: (events: IncomingEvent[]) => void;
  /** The state the events have built so far: where to reattach from, and whether the run ended. */
  current: () => LiveAssessment;
  signal: AbortSignal;
};

/**
 * Opens an assessment's event stream and follows it to its `done`: the one
 * way a page reads an assessment, whether it starts one, follows one after a
 * reload, or runs the swap check. A dropped connection reattaches with
 * Last-Event-ID from the last event seen, a few times with a growing pause;
 * a stream that ends with a `done` (a stored run replayed, an interrupted one
 * included) ends the following. Never sends the starting request twice: a
 * start that fails before the server named the assessment is reported, not
 * repeated. Answers why it stopped early (a refusal or an unreachable
 * server, worded for the page), or null.
 */
export async function followAssessmentStream({
  open,
  onEvents,
  current,
  signal,
}: FollowOptions): Promise<string | null> {
  let opener: (signal: AbortSignal) => Promise<Response> = open;
  for (let attempt = 0; attempt < maxAttempts && !signal.aborted; attempt++) {
    let response: Response | null = null;
    try {
      response = await opener(signal);
    } catch {
      if (signal.aborted) return null;
    }
    if (response && !response.ok)
      return (await readErrorMessage(response)) ?? `The server answered HTTP ${response.status}.`;
    if (response?.body) {
      try {
        await readEventStream(response.body, onEvents, signal);
      } catch {
        // The connection broke: reattach below.
      }
    }
    const { status, assessmentId } = current();
    if (hasEnded(status) || signal.aborted) return null;
    if (!assessmentId) return response ? null : "The server could not be reached.";
    opener = (own) => openAssessmentEvents(assessmentId, current().lastEventId, own);
    await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
  }
  return null;
}
