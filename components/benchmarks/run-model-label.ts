import { baselineNames, isBaselineProvider } from "@/lib/assessments/provider-label";

/** How runs are named wherever a researcher reads or chooses one. */

type RunModel = { provider: string; model: string; endpoint: string };
type RunMode = { mode: string };
type DescribedRun = RunModel & RunMode & { subset: { name: string }; createdAt: string; progress: { done: number } };

/** The model alone: the baseline always says what it is, and an imported results file says where its answers came from. */
export function describeRunProvider(run: RunModel): string {
  if (isBaselineProvider(run.provider)) return baselineNames.label;
  if (run.provider === "imported") return `${run.model} (from a results file)`;
  return `${run.model} on ${run.endpoint}`;
}

/** The model as the results table's rows name it: one row per model and mode, so fast mode is marked. */
export function describeRunModel(run: RunModel & RunMode): string {
  const name = describeRunProvider(run);
  return run.mode === "fast" ? `${name}, fast` : name;
}

const modeWords: Record<string, string> = {
  reasoning: "reasoning",
  fast: "fast (answer only)",
  single: "single image",
};

/** The mode in words; an unknown one is shown as stored rather than hidden. */
export function describeRunMode(run: RunMode): string {
  return modeWords[run.mode] ?? run.mode;
}

/**
 * When a run was made, in full ("3 Dec 2026, 14:05"), in the reader's time
 * zone unless one is given. Day, month name and year leave no doubt about
 * which number is the day, whatever the reader's locale.
 */
export function formatRunTime(iso: string, options: { timeZone?: string; withSeconds?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "unknown time";
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: options.withSeconds ? "2-digit" : undefined,
    hourCycle: "h23",
    timeZone: options.timeZone,
  }).format(date);
}

/** One run in a picker: subset, model, mode, when it was made and how many results it has. */
export function describeRun(run: DescribedRun, options: { timeZone?: string; withSeconds?: boolean } = {}): string {
  const results = `${run.progress.done} result${run.progress.done === 1 ? "" : "s"}`;
  return [
    run.subset.name,
    describeRunProvider(run),
    describeRunMode(run),
    formatRunTime(run.createdAt, options),
    results,
  ].join(" · ");
}

/**
 * Labels for a list of runs, by id. Two runs whose labels would read the
 * same (one model, subset and mode, made in the same minute) get the
 * seconds too, so a picker never offers two identical options.
 */
export function describeRuns<T extends DescribedRun & { id: string }>(
  runs: readonly T[],
  options: { timeZone?: string } = {},
): Map<string, string> {
  const labels = new Map(runs.map((run) => [run.id, describeRun(run, options)]));
  const counts = new Map<string, number>();
  for (const label of labels.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const run of runs) {
    if ((counts.get(labels.get(run.id)!) ?? 0) > 1)
      labels.set(run.id, describeRun(run, { ...options, withSeconds: true }));
  }
  return labels;
}
