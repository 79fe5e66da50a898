/**
 * Features as the preference model wants them: plain number vectors, each
 * column centred on the pool's mean and divided by its spread, so a
 * measure's range does not decide how much it can matter. A column with no
 * spread in this pool says nothing about it and becomes 0.
 */

/**
 * Standardises the columns of `vectors` over the pool they form, then
 * multiplies column k by `columnWeights[k]` (default 1), e.g. to give each
 * attribute the same prior weight however many measures describe it.
 */
export function standardizeFeatures(
  vectors: readonly (readonly number[])[],
  columnWeights?: readonly number[],
): number[][] {
  const length = vectors[0]?.length ?? 0;
  const count = Math.max(1, vectors.length);
  const means = new Array<number>(length).fill(0);
  const spreads = new Array<number>(length).fill(0);
  for (const vector of vectors) for (let k = 0; k < length; k++) means[k]! += vector[k]! / count;
  for (const vector of vectors) for (let k = 0; k < length; k++) spreads[k]! += (vector[k]! - means[k]!) ** 2 / count;
  const scales = spreads.map((variance, k) => (variance > 1e-12 ? (columnWeights?.[k] ?? 1) / Math.sqrt(variance) : 0));
  return vectors.map((vector) => vector.map((value, k) => (value - means[k]!) * scales[k]!));
}
