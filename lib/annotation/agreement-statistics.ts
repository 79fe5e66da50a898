/**
 * Inter-annotator agreement: Cohen's kappa for two annotators and
 * Krippendorff's alpha for any number, with missing ratings allowed.
 * Pure, so the figures can be checked by hand in tests.
 */

export type Metric = "nominal" | "interval";

/** One rated unit: the values its annotators gave (one per annotator). */
export type Unit<T extends string | number> = readonly T[];

export type AgreementFigure = { value: number | null; n: number };

const distance = (metric: Metric, a: string | number, b: string | number) =>
  metric === "nominal" ? (a === b ? 0 : 1) : (Number(a) - Number(b)) ** 2;

/**
 * Krippendorff's alpha from the coincidence matrix: units with fewer than
 * two values carry no information and are left out. `n` is the number of
 * pairable values; null when there is no disagreement to expect (every
 * value the same) or nothing to pair.
 */
export function krippendorffAlpha<T extends string | number>(
  units: readonly Unit<T>[],
  metric: Metric,
): AgreementFigure {
  const coincidences = new Map<T, Map<T, number>>();
  const add = (c: T, k: T, weight: number) => {
    const row = coincidences.get(c) ?? new Map<T, number>();
    row.set(k, (row.get(k) ?? 0) + weight);
    coincidences.set(c, row);
  };
  for (const values of units) {
    if (values.length < 2) continue;
    const weight = 1 / (values.length - 1);
    values.forEach((c, i) => values.forEach((k, j) => i !== j && add(c, k, weight)));
  }
  const marginals = new Map<T, number>();
  for (const [c, row] of coincidences)
    marginals.set(
      c,
      [...row.values()].reduce((sum, count) => sum + count, 0),
    );
  const n = [...marginals.values()].reduce((sum, count) => sum + count, 0);
  if (n < 2) return { value: null, n: Math.round(n) };
  let observed = 0;
  for (const [c, row] of coincidences) for (const [k, count] of row) observed += count * distance(metric, c, k);
  let expected = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) expected += nc * nk * distance(metric, c, k);
  if (expected === 0) return { value: null, n: Math.round(n) };
  return { value: 1 - ((n - 1) * observed) / expected, n: Math.round(n) };
}

/**
 * Cohen's kappa for two annotators who rated the same units: observed
 * agreement against the agreement their own label frequencies predict.
 * `n` is the number of units; null when chance agreement is already 1.
 */
export function cohenKappa<T extends string | number>(pairs: readonly (readonly [T, T])[]): AgreementFigure {
  const n = pairs.length;
  if (n === 0) return { value: null, n };
  const first = new Map<T, number>();
  const second = new Map<T, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agreed / n;
  let chance = 0;
  for (const [label, count] of first) chance += (count / n) * ((second.get(label) ?? 0) / n);
  if (chance === 1) return { value: null, n };
  return { value: (observed - chance) / (1 - chance), n };
}
