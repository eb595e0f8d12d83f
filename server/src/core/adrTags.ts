// ADR ids (`ADR-0007`, `adr 7`) and `@adr` tags (`@adr 7, 12`, `@adr docs/adr/0007-x.md`), read at a candidate the
// reference scanner found: the boundary rules that tell a citation from a look-alike (what they accept is listed
// at the top of references.ts, where users' rules are written down in one place).
import type { DecisionReference } from './model';
import * as chars from './terms/chars';
import { decodePath, MAX_DESTINATION, skipBlanks, URL_SCHEME } from './linkDestinations';
import { resolveRelative, type PositionCursor } from './text';

// A module-local binding: where imports become property reads (vitest's module runner), hot calls stay direct.
const { isWordChar } = chars;

const DECISION_FILE = /\.md$/i;
const MAX_DIGITS = 9;

/** Letters, digits and `_`: what an ADR id must not be glued to. */
function isIdentifierChar(c: number): boolean {
  return c === 95 || isWordChar(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `ADR-0007` at `at` (the `a`), with the boundary rules of references.ts; undefined for a look-alike. */
export function readAdrId(text: string, at: number): { end: number; number: number } | undefined {
  if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1))) return undefined;
  return readNumber(text, at + 4);
}

/** Digits from `start` that end on a boundary and are no version, date, ratio or time. */
function readNumber(text: string, start: number): { end: number; number: number } | undefined {
  let i = start;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > MAX_DIGITS) return undefined;
  if (i < text.length) {
    const next = text.charCodeAt(i);
    if (isIdentifierChar(next)) return undefined;
    // `.` `-` `/` `:` followed by a digit: 2.0, 2021-03-04, 1/2, 10:30.
    if ((next === 46 || next === 45 || next === 47 || next === 58) && isDigit(text.charCodeAt(i + 1))) return undefined;
    // A format string or an interpolation: `ADR-00%d`, `ADR-0{n}`, `adr-00${id}`.
    if (next === 37 || next === 123 || next === 36) return undefined;
  }
  return { end: i, number: Number(text.slice(start, i)) };
}

/** A number argument of @adr: `7`, `#7`, `ADR-7`, `ADR 7`. */
function readTagNumber(text: string, at: number): { end: number; number: number } | undefined {
  const c = text.charCodeAt(at);
  if (isDigit(c)) return readNumber(text, at);
  if (c === 35 /* # */) return readNumber(text, at + 1);
  if ((c | 32) === 97 && (text.charCodeAt(at + 1) | 32) === 100 && (text.charCodeAt(at + 2) | 32) === 114) {
    const sep = text.charCodeAt(at + 3);
    if (sep === 45 || sep === 32) return readNumber(text, at + 4);
  }
  return undefined;
}

/** Characters that end an @adr path (quotes, brackets, comment closers, list separators). */
const PATH_STOP = new Set(Array.from('"\'`<>()[]{},;*|', (ch) => ch.charCodeAt(0)));
const SENTENCE_END = new Set(Array.from('.:!?', (ch) => ch.charCodeAt(0)));

/** Reads `@adr …` at `at`; pushes what it cites and returns where scanning resumes. */
export function readTag(path: string, text: string, at: number, pos: PositionCursor, out: DecisionReference[]): number {
  // `user@adr.example` and `x@adr 7` are not tags.
  if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1))) return at + 4;
  const argStart = skipBlanks(text, at + 4);
  // A path first, so that `@adr 0007-use-x.md` is the file and not decision 7.
  const cited = readTagPath(path, text, argStart);
  if (cited) {
    pos.advance(at);
    out.push({ range: pos.range(at, cited.end), text: text.slice(at, cited.end), form: 'adr-tag', path: cited.path });
    return cited.end;
  }
  const first = readTagNumber(text, argStart);
  if (!first) return argStart;
  pos.advance(at);
  out.push({ range: pos.range(at, first.end), text: text.slice(at, first.end), form: 'adr-tag', number: first.number });
  let end = first.end;
  // `@adr 7, 12`: more numbers separated by commas.
  for (;;) {
    let i = skipBlanks(text, end);
    if (text.charCodeAt(i) !== 44 /* , */) break;
    i = skipBlanks(text, i + 1);
    const more = readTagNumber(text, i);
    if (!more) break;
    out.push({ range: pos.range(i, more.end), text: text.slice(i, more.end), form: 'adr-tag', number: more.number });
    end = more.end;
  }
  return end;
}

/** A `.md` path argument of @adr, resolved by the rules at the top of references.ts. */
function readTagPath(path: string, text: string, start: number): { end: number; path: string } | undefined {
  let j = start;
  while (j < text.length && j - start < MAX_DESTINATION) {
    const c = text.charCodeAt(j);
    if (c <= 32 || PATH_STOP.has(c)) break;
    j++;
  }
  // Sentence punctuation after the path is not part of it.
  while (j > start && SENTENCE_END.has(text.charCodeAt(j - 1))) j--;
  const raw = text.slice(start, j);
  const c0 = raw.charCodeAt(0);
  if (raw === '' || c0 === 45 || c0 === 58 || URL_SCHEME.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  const file = decodePath(hash >= 0 ? raw.slice(0, hash) : raw);
  if (!DECISION_FILE.test(file)) return undefined;
  const base = file.startsWith('./') || file.startsWith('../') || file.startsWith('/') || !file.includes('/') ? path : '';
  const resolved = resolveRelative(base, file);
  return resolved ? { end: j, path: resolved } : undefined;
}

