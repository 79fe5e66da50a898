/** How a run's model is named on the benchmarks page: the baseline always says what it is, and fast mode is marked. */
export function describeRunModel(run: { provider: string; model: string; endpoint: string; mode: string }): string {
  const name = run.provider === "baseline" ? "Built-in baseline (image statistics, not PreferThinker)" : `${run.model} on ${run.endpoint}`;
  return run.mode === "fast" ? `${name}, fast` : name;
}
