"use client";

import { useAssess } from "./assess-store";
import { ScoreTableView } from "./ScoreTableView";

/** The live assessment's scores as bars and rationales, as they arrive. */
export function ScoreTable() {
  const scores = useAssess((state) => state.live.scores);
  const mode = useAssess((state) => state.mode);
  return <ScoreTableView scores={scores} isSingle={mode === "single"} />;
}
