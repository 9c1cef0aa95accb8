import { SimulationError } from '../messages/Message.ts';

/** Points a range may produce: a sweep this large is a typo, not a plan. */
export const MAX_VALUES = 10_000;

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The values of a `--vary` SPEC:
 * - a list: `1,2,4,8`;
 * - a linear range `FROM:TO:STEP`, both ends included when the steps land on TO: `500:5000:500`;
 * - a log range `FROM:TO:xFACTOR`, each value FACTOR times the one before: `1:64:x2` → 1, 2, 4 … 64.
 * Values come out in the order written. Throws a `SimulationError` `analysis.spec.invalid` (with
 * `spec` and `reason`: `number`, `step`, `factor`, `tooMany`).
 */
export function parseSpec(spec: string): number[] {
  const fail = (reason: string): never => {
    throw new SimulationError({ code: 'analysis.spec.invalid', params: { spec, reason, max: MAX_VALUES } });
  };
  const number = (text: string) => (NUMBER.test(text.trim()) ? Number(text) : fail('number'));
  const parts = spec.split(':');
  if (parts.length === 1) {
    const values = spec.split(',').map(number);
    return values.length > MAX_VALUES ? fail('tooMany') : values;
  }
  if (parts.length !== 3) return fail('number');
  const from = number(parts[0]);
  const to = number(parts[1]);
  const values: number[] = [];
  const stepText = parts[2].trim();
  if (stepText.startsWith('x')) {
    const factor = number(stepText.slice(1));
    if (!(factor > 1) || !(from > 0) || !(to >= from)) fail('factor');
    // Multiplying step by step accumulates rounding: compute each value from the start instead.
    for (let i = 0; from * factor ** i <= to * (1 + 1e-12); i++) {
      if (values.length === MAX_VALUES) fail('tooMany');
      values.push(roundNoise(from * factor ** i));
    }
    return values;
  }
  const step = number(stepText);
  if (!(step > 0) || !(to >= from)) fail('step');
  for (let i = 0; from + i * step <= to + Math.abs(step) * 1e-9; i++) {
    if (values.length === MAX_VALUES) fail('tooMany');
    values.push(roundNoise(from + i * step));
  }
  return values;
}

/** 0.1 + 2 × 0.1 → 0.3, not 0.30000000000000004: 12 significant digits are plenty for a parameter. */
function roundNoise(value: number): number {
  return Number(value.toPrecision(12));
}
