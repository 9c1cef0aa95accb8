/** Two-sided 95% quantiles t(0.975, df) for df = 1..30. */
const TABLE = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * Student's t quantile at 0.975 for `df` degrees of freedom: the table up to 30, then the
 * Cornish–Fisher expansion around the normal quantile (error < 1e-4 there).
 */
export function studentT975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return TABLE[Math.floor(df) - 1];
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}
