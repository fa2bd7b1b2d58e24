/**
 * A number written out in plain decimal, never in exponent form (GIFT and students both read
 * "0.0000001", not "1e-7"). Shifts the decimal point of JavaScript's shortest round-trip form, so no
 * binary noise appears (unlike toFixed(20)).
 */
export function plainDecimal(value: number, significantDigits = 12): string {
  if (!Number.isFinite(value)) return '?';
  const rounded = Number(value.toPrecision(significantDigits));
  const text = String(rounded);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction = '', exp] = m as unknown as [string, string, string, string | undefined, string];
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
