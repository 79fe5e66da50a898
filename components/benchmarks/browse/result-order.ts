/**
 * The failure list's order in words. The server sends each run's results
 * sorted by the sample's place in the official evaluation (the seed-42
 * shuffle the paper's script evaluates in), and the browser lists the runs
 * one after another, so that is the whole truth; sample numbers are places
 * in the file, which is why they look out of sequence.
 */
export function describeResultOrder(subsetsOfRuns: readonly string[]): string {
  const official =
    "the official evaluation order (the seed-42 shuffle the paper's evaluation runs in; sample numbers are places in the file)";
  if (subsetsOfRuns.length <= 1) return `In ${official}.`;
  const distinct = new Set(subsetsOfRuns);
  if (distinct.size === subsetsOfRuns.length)
    return `Subset by subset (${subsetsOfRuns.join(", then ")}), each in ${official}.`;
  return `Run by run, as the runs are chosen, each in ${official}.`;
}

/** The subset of each run whose rows are listed, in list order; rows of one run are always together. */
export function listSubsetsOfRuns(rows: readonly { runId: string; subset: string }[]): string[] {
  const subsets: string[] = [];
  let last: string | undefined;
  for (const row of rows) {
    if (row.runId !== last) subsets.push(row.subset);
    last = row.runId;
  }
  return subsets;
}
