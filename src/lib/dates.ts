/**
 * One way to write dates across the site, in the course's locale (`locale` in content/course.yaml,
 * default en-GB: "5 December 2026"). Pages built on the server pass the locale; browser code reads
 * it from `<html data-date-locale>`, which the base layout sets from the same file.
 */
export const DEFAULT_DATE_LOCALE = 'en-GB';

/** The locale the page was built with, or the default (outside a page, e.g. in tests). */
export function siteDateLocale(): string {
  const fromPage = typeof document === 'undefined' ? undefined : document.documentElement.dataset.dateLocale;
  return fromPage && isDateLocale(fromPage) ? fromPage : DEFAULT_DATE_LOCALE;
}

export function isDateLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

export interface DateOptions {
  locale?: string;
  /** Add the time of day ("5 December 2026 at 14:05"): for events such as a submitted attempt. */
  time?: boolean;
  /** A calendar date with no time zone of its own (a lesson's `updated: 2026-11-21`). */
  utc?: boolean;
}

/** "5 December 2026"; "an unknown date" for anything that is not a date. */
export function formatDate(value: Date | string | number, options: DateOptions = {}): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return 'an unknown date';
  const locale = options.locale ?? siteDateLocale();
  const time = Boolean(options.time);
  if (!options.utc) return new Intl.DateTimeFormat(locale, formatOptions(time, false)).format(d);
  const key = `${time ? 'time' : 'date'} ${locale}`;
  let format = utcFormats.get(key);
  if (!format) utcFormats.set(key, (format = new Intl.DateTimeFormat(locale, formatOptions(time, true))));
  return format.format(d);
}

const formatOptions = (time: boolean, utc: boolean): Intl.DateTimeFormatOptions => ({
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  ...(time ? { hour: '2-digit', minute: '2-digit' } : {}),
  ...(utc ? { timeZone: 'UTC' } : {}),
});

/**
 * Formatters in UTC, by time or not and locale: making one costs more than formatting (a build
 * formats every lesson's `updated` date). Only UTC ones are kept, because a formatter without a time
 * zone keeps the zone it was made in, and the browser's can change while a page is open.
 */
const utcFormats = new Map<string, Intl.DateTimeFormat>();

/** How many UTC formatters formatDate keeps (for tests). */
export const utcFormatCount = (): number => utcFormats.size;
