import { describe, expect, it } from "vitest";
import {
  canStartAtOnce,
  chooseNextAdmission,
  countEvaluationSlots,
  findRunWait,
  planUserRuns,
} from "./capacity-policy";

describe("the capacity policy", () => {
  it("gives evaluation lanes floor(share × slots), at least one and at most all", () => {
    expect(countEvaluationSlots(8, 0.75)).toBe(6);
    expect(countEvaluationSlots(4, 0.75)).toBe(3);
    expect(countEvaluationSlots(2, 0.75)).toBe(1);
    expect(countEvaluationSlots(1, 0.75)).toBe(1);
    expect(countEvaluationSlots(100, 0.29)).toBe(29);
    expect(countEvaluationSlots(8, 1)).toBe(8);
  });

  it("serves waiting people before waiting lanes, and lanes only within their share", () => {
    const limits = { maxInFlight: 8, evaluationSlots: 6 };
    expect(chooseNextAdmission({ inFlight: 7, evaluationInFlight: 5 }, { interactive: 1, evaluation: 9 }, limits)).toBe(
      "interactive",
    );
    expect(chooseNextAdmission({ inFlight: 7, evaluationInFlight: 5 }, { interactive: 0, evaluation: 9 }, limits)).toBe(
      "evaluation",
    );
    expect(
      chooseNextAdmission({ inFlight: 6, evaluationInFlight: 6 }, { interactive: 0, evaluation: 9 }, limits),
    ).toBeNull();
    expect(
      chooseNextAdmission({ inFlight: 8, evaluationInFlight: 2 }, { interactive: 3, evaluation: 0 }, limits),
    ).toBeNull();
    // A lane arriving while a person waits for the same slot waits too; a person arriving while lanes wait at their share does not.
    expect(
      canStartAtOnce("evaluation", { inFlight: 7, evaluationInFlight: 0 }, { interactive: 1, evaluation: 0 }, limits),
    ).toBe(false);
    expect(
      canStartAtOnce("interactive", { inFlight: 6, evaluationInFlight: 6 }, { interactive: 0, evaluation: 9 }, limits),
    ).toBe(true);
  });

  it("lets a researcher's runs execute up to the limit, running ones first, then the oldest queued", () => {
    const runs = [
      { id: "oldest-queued", status: "queued" as const },
      { id: "running", status: "running" as const },
      { id: "queued", status: "queued" as const },
      { id: "newest-queued", status: "queued" as const },
    ];
    expect(planUserRuns(runs, 2)).toEqual({ execute: ["running", "oldest-queued"], wait: ["queued", "newest-queued"] });
    // After a restart with a lower limit, the newer running runs wait again.
    expect(
      planUserRuns(
        [
          { id: "a", status: "running" },
          { id: "b", status: "running" },
          { id: "c", status: "running" },
        ],
        2,
      ),
    ).toEqual({ execute: ["a", "b"], wait: ["c"] });
  });

  it("says why a queued run waits, and nothing for one about to start or not queued", () => {
    expect(findRunWait("queued", 2, 2)).toEqual({ reason: "runs_per_user", running: 2, limit: 2 });
    expect(findRunWait("queued", 1, 2)).toBeNull();
    expect(findRunWait("running", 2, 2)).toBeNull();
  });
});
