/**
 * Port ranges as written in OpenStack ("--dst-port 137:139") and as a single number.
 * Returns null for anything that is not 1–65535 with min ≤ max.
 */
export function parsePortRange(value: number | string): { min: number; max: number } | null {
  const text = String(value).trim();
  const match = /^(\d{1,5})(?:\s*[:-]\s*(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min < 1 || max > 65535 || min > max) return null;
  return { min, max };
}

export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Suggested host port for forwarding a guest port: unprivileged hosts cannot bind below 1024. */
export function suggestedHostPort(guestPort: number, taken: ReadonlySet<number>): number {
  const preferred = guestPort >= 1024 ? guestPort : guestPort === 22 ? 2222 : guestPort === 80 ? 8080 : guestPort === 443 ? 8443 : 10000 + guestPort;
  let p = preferred;
  while (taken.has(p) && p < 65535) p++;
  return p;
}
