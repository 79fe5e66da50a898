import { describe, expect, it } from "vitest";
import { describeResultOrder, listSubsetsOfRuns } from "./result-order";

describe("the failure list's order, in words", () => {
  it("names the official evaluation order for one run, and why sample numbers jump", () => {
    expect(describeResultOrder(["TEST_SP_ID"])).toBe(
      "In the official evaluation order (the seed-42 shuffle the paper's evaluation runs in; sample numbers are places in the file).",
    );
  });

  it("says the subsets come one after another, in the order they are listed", () => {
    const rows = [
      { runId: "r1", subset: "TEST_SP_ID" },
      { runId: "r1", subset: "TEST_SP_ID" },
      { runId: "r2", subset: "TEST_MP_ID" },
      { runId: "r3", subset: "TEST_PICKAPIC" },
    ];
    expect(describeResultOrder(listSubsetsOfRuns(rows))).toMatch(
      /^Subset by subset \(TEST_SP_ID, then TEST_MP_ID, then TEST_PICKAPIC\), each in the official evaluation order/,
    );
  });

  it("says run by run when a link names two runs of one subset", () => {
    expect(
      describeResultOrder(
        listSubsetsOfRuns([
          { runId: "a", subset: "TEST_SP_ID" },
          { runId: "b", subset: "TEST_SP_ID" },
        ]),
      ),
    ).toMatch(/^Run by run, as the runs are chosen, each in the official/);
  });
});
