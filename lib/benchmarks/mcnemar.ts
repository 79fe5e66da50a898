/**
 * McNemar's test for two classifiers judged on the same samples: only the
 * discordant pairs count, b (right in the first run, wrong in the second)
 * and c (the reverse). The exact two-sided p-value is the binomial one
 * (b + c trials at one half), valid at any size; the chi-square statistic
 * with Edwards' continuity correction is given too, as papers report it.
 */

export type McNemarResult = {
  /** Right in the first run, wrong in the second. */
  b: number;
  /** Wrong in the first run, right in the second. */
  c: number;
  /** (|b - c| - 1)^2 / (b + c), or null without discordant pairs. */
  chiSquare: number | null;
  /** Exact two-sided p-value: min(1, 2 P(X <= min(b, c))), X ~ Binomial(b + c, 1/2). */
  pValue: number;
};

/** ln(n!) by summing logs: exact enough for the few thousand samples a subset holds. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
}

export function mcnemarTest(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n === 0) return { b, c, chiSquare: null, pValue: 1 };
  const logFactorial = logFactorials(n);
  const smaller = Math.min(b, c);
  let tail = 0;
  for (let k = 0; k <= smaller; k++)
    tail += Math.exp(logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! - n * Math.LN2);
  return { b, c, chiSquare: (Math.abs(b - c) - 1) ** 2 / n, pValue: Math.min(1, 2 * tail) };
}
