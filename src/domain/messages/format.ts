/** How values appear inside a message. */

/** Up to four decimals, trailing zeros dropped: 9.5 → "9.5", 2/3 → "0.6667", 1e-12 → "0". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 10000) / 10000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A score band as a person reads it: "[8, 10]" or "[6, 8)". */
export function formatBand(band: { min: number; max: number; maxInclusive: boolean }): string {
  return `[${formatNumber(band.min)}, ${formatNumber(band.max)}${band.maxInclusive ? ']' : ')'}`;
}
