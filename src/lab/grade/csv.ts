/**
 * CSV as RFC 4180 writes it (SPEC R10): fields separated by commas, records by CRLF, a field
 * quoted when it holds a comma, a double quote, CR or LF, with its quotes doubled. Text that came
 * from a student is also guarded against formula injection (OWASP "CSV Injection"): a cell that
 * starts with = + - @ TAB or CR gets a leading ', so a spreadsheet shows it as text and never
 * runs it.
 */
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export const quoteField = (field: string): string => (NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

export const guardFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** A text cell: guarded, then quoted as needed. */
export const textCell = (text: string): string => quoteField(guardFormula(text));

/** A number we computed (never negative, never a formula): plain, with a decimal point; null is empty. */
export const numberCell = (n: number | null): string => (n === null ? '' : String(Math.round(n * 1000) / 1000));

/** Records of already-encoded cells → the file's text, every record ended by CRLF. */
export const csvText = (records: readonly (readonly string[])[]): string => records.map((r) => `${r.join(',')}\r\n`).join('');
