// Dates as decision records write them ("2020-01-02", "2020/1/2", "January 2, 2020", "2 Jan 2020", a YAML date),
// turned into ISO calendar dates so that sorting and staleness compare like with like.

export type DateReading = { iso: string } | { error: string } | undefined;

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

/**
 * Reads a date value. Returns undefined for an empty value or a template placeholder (`{YYYY-MM-DD}`), an error for
 * text that is not a calendar date.
 */
export function readDate(value: unknown): DateReading {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { error: 'an invalid date' } : { iso: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') return readDate(String(value));
  // A YAML flow mapping is what an unfilled template placeholder `{YYYY-MM-DD}` parses to.
  if (typeof value === 'object' && !Array.isArray(value)) return undefined;
  if (typeof value !== 'string') return { error: 'a date must be text such as 2020-01-02' };
  const text = value.trim();
  if (text === '' || PLACEHOLDER.test(text)) return undefined;
  let m = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = MONTH_FIRST.exec(text);
  if (m) return calendar(Number(m[3]), monthNumber(m[1]), Number(m[2]), text);
  m = DAY_FIRST.exec(text);
  if (m) return calendar(Number(m[3]), monthNumber(m[2]), Number(m[1]), text);
  return { error: `"${clip(text)}" is not a date (write it as YYYY-MM-DD)` };
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? (name.toLowerCase().startsWith('sept') ? 9 : 0);
}

function calendar(year: number, month: number, day: number, text: string): DateReading {
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
