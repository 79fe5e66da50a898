/** The built-in baseline's provider: its runs are image statistics, and are never to be shown as PreferThinker's. */
export const baselineProvider = "baseline";

/** How a model is named on the history page: the baseline always says what it is. */
export function describeModel({ provider, model }: { provider: string; model: string }): string {
  return provider === baselineProvider ? "Built-in baseline (image statistics, not PreferThinker)" : model;
}
