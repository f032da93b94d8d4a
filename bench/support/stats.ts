/** The nearest-rank quantile `q` (0–1) of `values`; NaN when there are none. */
export const quantile = (values: number[], q: number): number =>
  values.length
    ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!
    : NaN;

export const median = (values: number[]): number => quantile(values, 0.5);

/** `value` to `digits` decimals, for printing. */
export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
