import { drawOfflinePair } from "./offline-pairs";
import type { TasteNextPair, TasteSessionState } from "./taste-contract";

/**
 * The quiz as the browser shows it while its answers wait to be sent: each
 * answer counts at once, and the next pair is drawn here (offline-pairs.ts),
 * so a person can go on without the server. Pure: the page keeps the state
 * in its query cache and the answers in its outbox.
 */

type Pair = NonNullable<TasteNextPair>;

/** The state after `answered` more pairs, answered here, with the next pair drawn here (null when none is left). */
export function goOnOffline(
  state: TasteSessionState,
  answered: readonly Pair[],
  random: () => number = Math.random,
): TasteSessionState {
  const shown = [...state.shown, ...answered.map((pair): [string, string] => [pair.leftImageId, pair.rightImageId])];
  const clicks = state.status.clicks + answered.length;
  const drawn = drawOfflinePair(state.session.imageIds, shown, random);
  return {
    ...state,
    shown,
    next: drawn && { position: clicks, ...drawn },
    status: {
      clicks,
      // Whether the model has converged is the server's to say, once it has the answers.
      isFinished: false,
      reason: null,
      remainingEstimate: Math.max(1, state.status.remainingEstimate - answered.length),
    },
  };
}

/** The state after taking back the last answer given here: its pair is asked again. */
export function takeBackOffline(state: TasteSessionState, pair: Pair): TasteSessionState {
  return {
    ...state,
    shown: state.shown.slice(0, -1),
    next: pair,
    status: {
      clicks: state.status.clicks - 1,
      isFinished: false,
      reason: null,
      remainingEstimate: state.status.remainingEstimate + 1,
    },
  };
}
