import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, utcFormatCount } from '../../../src/lib/dates';

/** What formatDate gave before it kept formatters: a new Intl.DateTimeFormat per call. */
const fresh = (value: Date | string | number, locale: string, time: boolean, utc: boolean): string =>
  new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(time ? { hour: '2-digit', minute: '2-digit' } : {}),
    ...(utc ? { timeZone: 'UTC' } : {}),
  }).format(value instanceof Date ? value : new Date(value));

describe('formatDate keeps its UTC formatters', () => {
  afterEach(() => vi.restoreAllMocks());

  const values = ['2026-12-05T23:30:00.000Z', new Date(Date.UTC(2026, 10, 21, 0, 5)), Date.UTC(2027, 0, 1, 12, 0)];
  const locales = ['en-GB', 'en-US', 'de-DE', 'fr-FR', 'ja-JP', 'nl'];

  it('gives the same text as a new formatter each time, for every locale and option', () => {
    for (let round = 0; round < 2; round++) {
      for (const locale of locales) {
        for (const time of [false, true]) {
          for (const utc of [false, true]) {
            for (const value of values) expect(formatDate(value, { locale, time, utc })).toBe(fresh(value, locale, time, utc));
          }
        }
      }
    }
  });

  it('makes one formatter per locale and time-or-not, and reuses it', () => {
    formatDate(0, { locale: 'sv-SE', utc: true });
    const before = utcFormatCount();
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    expect(formatDate('2026-01-02T00:00:00Z', { locale: 'sv-SE', utc: true })).toBe('2 januari 2026');
    expect(formatDate('2026-01-03T00:00:00Z', { locale: 'sv-SE', utc: true })).toBe('3 januari 2026');
    expect(made).not.toHaveBeenCalled();
    // Another locale or the time of day is another formatter, never the one kept for sv-SE dates.
    expect(formatDate('2026-01-02T00:00:00Z', { locale: 'sv-SE', utc: true, time: true })).toBe(fresh('2026-01-02T00:00:00Z', 'sv-SE', true, true));
    expect(formatDate('2026-01-02T00:00:00Z', { locale: 'da-DK', utc: true })).toBe(fresh('2026-01-02T00:00:00Z', 'da-DK', false, true));
    expect(utcFormatCount()).toBe(before + 2);
  });

  it('keeps no formatter in the local time zone, which can change while a page is open', () => {
    const before = utcFormatCount();
    formatDate(0, { locale: 'pt-PT' });
    formatDate(0, { locale: 'pt-PT', time: true });
    expect(utcFormatCount()).toBe(before);
  });

  it('still throws for a locale Intl refuses, every time, and keeps nothing for it', () => {
    const before = utcFormatCount();
    expect(() => formatDate(0, { locale: 'not a locale', utc: true })).toThrow(RangeError);
    expect(() => formatDate(0, { locale: 'not a locale', utc: true })).toThrow(RangeError);
    expect(utcFormatCount()).toBe(before);
  });
});
