/**
 * How the app names who answered an assessment or a run. The built-in
 * baseline answers from image statistics; wherever its answers appear it
 * says so, in these words and no others, so that they are never taken for
 * PreferThinker's. Shared by the pages and the server; the end-to-end tests
 * look for these exact wordings.
 */

/** The provider of the built-in baseline assessor, as assessments, runs and endpoints record it. */
export const baselineProvider = "baseline";

/** Whether answers came from the built-in baseline rather than a model (null: not known yet). */
export function isBaselineProvider(provider: string | null): boolean {
  return provider === baselineProvider;
}

const baselineNature = "image statistics, not PreferThinker";

/** The baseline's names, each written here once. */
export const baselineNames = {
  /** As a model's name in lists, pickers and tables. */
  label: `Built-in baseline (${baselineNature})`,
  /** Inside a sentence: "Predicted by the built-in baseline (…) on …". */
  inSentence: `the built-in baseline (${baselineNature})`,
  /** As a badge beside a result. */
  badge: `Built-in baseline: ${baselineNature}`,
  /** The assessor that answers when no model server is configured, in a status line. */
  assessor: "Built-in baseline assessor",
  /** The same inside a sentence. */
  assessorInSentence: `the built-in baseline assessor (${baselineNature})`,
} as const;

/**
 * A provider's model named for display: the baseline always says what it is
 * (`inSentence` for the middle of a sentence); any other is its model's name.
 */
export function describeModel(
  { provider, model }: { provider: string; model: string },
  { inSentence = false }: { inSentence?: boolean } = {},
): string {
  if (!isBaselineProvider(provider)) return model;
  return inSentence ? baselineNames.inSentence : baselineNames.label;
}
