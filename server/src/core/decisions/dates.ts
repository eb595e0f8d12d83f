// Dates as decision records write them ("2020-01-02", "2020/1/2", "January 2, 2020", "2 Jan 2020", a YAML date),
// turned into ISO calendar dates so that sorting and staleness compare like with like.

export type DateReading = { iso: string; ambiguous?: { dayFirst: string; monthFirst: string }; order?: DateOrder } | { error: string } | undefined;

/** Which of `05/06/2023`'s numbers is the day: decided per repository, or forced in `.archlens.yml`. */
export type DateOrder = 'day-first' | 'month-first';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

// Year first, any of - / . as separator, optional time after ("2020-01-02T10:00:00Z", "2020-01-02 (updated)").
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/;
// Compact form, as in log4brains file names.
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?![\d])/;
// "January 2, 2020", "Jan 2nd 2020".
const MONTH_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?![\d])/i;
// "2 January 2020", "2nd of Jan, 2020".
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})(?![\d])/i;
const PLACEHOLDER = /^[[{<].*[\]}>]$/;
// "05/06/2023", "23-06-2018", "5.6.23": day and month in an order the text does not say.
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d])/;
// "28-January-2022", "28-Jan-22".
const DAY_MONTH_DASHED = /^(\d{1,2})[-/ ]([a-z]{3,9})\.?[-/ ,]+(\d{4}|\d{2})(?![\d])/i;

/**
 * Reads a date value. Returns undefined for an empty value or a template placeholder (`{YYYY-MM-DD}`), an error for
 * text that is not a calendar date.
 */
export function readDate(value: unknown, order: DateOrder = 'day-first'): DateReading {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { error: 'an invalid date' } : { iso: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') return readDate(String(value), order);
  // A YAML flow mapping is what an unfilled template placeholder `{YYYY-MM-DD}` parses to.
  if (typeof value === 'object' && !Array.isArray(value)) return undefined;
  if (typeof value !== 'string') return { error: 'a date must be text such as 2020-01-02' };
  const text = value.trim();
  if (text === '' || PLACEHOLDER.test(text)) return undefined;
  let m = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (m) {
    const reading = calendar(Number(m[1]), Number(m[2]), Number(m[3]), text);
    // "2023-31-07": the day and month swapped, a slip the calendar makes plain.
    if ('error' in reading && Number(m[2]) > 12 && Number(m[3]) <= 12) return calendar(Number(m[1]), Number(m[3]), Number(m[2]), text);
    return reading;
  }
  m = NUMERIC.exec(text);
  if (m) return numericDate(Number(m[1]), Number(m[2]), fullYear(m[3]), text, order);
  m = DAY_MONTH_DASHED.exec(text);
  if (m && monthNumber(m[2]) > 0) return calendar(fullYear(m[3]), monthNumber(m[2]), Number(m[1]), text);
  m = MONTH_FIRST.exec(text);
  if (m) return calendar(Number(m[3]), monthNumber(m[1]), Number(m[2]), text);
  m = DAY_FIRST.exec(text);
  if (m) return calendar(Number(m[3]), monthNumber(m[2]), Number(m[1]), text);
  return { error: `"${clip(text)}" is not a date (write it as YYYY-MM-DD)` };
}

function fullYear(y: string): number {
  // Two-digit years are this century's: decision records are younger than 2000.
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function numericDate(a: number, b: number, year: number, text: string, order: DateOrder): DateReading {
  const dayFirst = calendar(year, b, a, text);
  const monthFirst = calendar(year, a, b, text);
  if ('iso' in dayFirst && 'iso' in monthFirst) {
    if (a === b) return dayFirst;
    const iso = order === 'day-first' ? dayFirst.iso : monthFirst.iso;
    return { iso, ambiguous: { dayFirst: dayFirst.iso, monthFirst: monthFirst.iso } };
  }
  if ('iso' in dayFirst) return { iso: dayFirst.iso, order: 'day-first' };
  if ('iso' in monthFirst) return { iso: monthFirst.iso, order: 'month-first' };
  return dayFirst;
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? (name.toLowerCase().startsWith('sept') ? 9 : 0);
}

function calendar(year: number, month: number, day: number, text: string): { iso: string } | { error: string } {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { error: `"${clip(text)}" is not a calendar date` };
  }
  return { iso: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}` };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
