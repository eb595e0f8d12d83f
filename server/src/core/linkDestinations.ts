// The syntax of a markdown link's destination, read by hand so the reference scanners stay one linear pass: the
// destination of an inline link `(dest "title")` or `(<dest>)`, of a reference definition `[label]: dest`, and how
// a destination becomes a workspace path (markdown escapes and percent-encoding undone, `#fragment` split out).
import { resolveRelative } from './text';

export const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Longer destinations and titles are not links anyone writes; the bounds keep a failed parse short. */
export const MAX_DESTINATION = 2048;
export const MAX_TITLE = 256;
const MAX_PAREN_DEPTH = 32;

export interface Destination {
  /** The destination as written: text.slice(start, stop), without angle brackets. */
  start: number;
  stop: number;
  /** Where the link syntax ends. */
  end: number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The destination of an inline link whose `(` is at `open`: `(dest)`, `(<dest with spaces>)`, `(dest "title")`.
 * A bare destination stops at whitespace, `[` and `]`, so a failed parse never reads past the next candidate and the
 * scan stays linear.
 */
export function parseInlineDestination(text: string, open: number): Destination | undefined {
  const n = text.length;
  let i = skipBlanks(text, open + 1);
  let start: number;
  let stop: number;
  if (text.charCodeAt(i) === 60 /* < */) {
    start = i + 1;
    stop = angleDestinationEnd(text, start);
    if (stop < 0) return undefined;
    i = stop + 1;
  } else {
    start = i;
    let depth = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c <= 32 || c === 91 || c === 93 || c === 60) break;
      if (c === 40) {
        if (++depth > MAX_PAREN_DEPTH) return undefined;
      } else if (c === 41) {
        if (depth === 0) break;
        depth--;
      } else if (c === 92 /* \ */ && i + 1 < n && text.charCodeAt(i + 1) > 32) i++;
      i++;
      if (i - start > MAX_DESTINATION) return undefined;
    }
    stop = i;
  }
  if (stop === start) return undefined;
  i = skipBlanks(text, i);
  if (text.charCodeAt(i) === 41) return { start, stop, end: i + 1 };
  if (i === stop) return undefined;
  // An optional title: "…", '…' or (…) on the same line.
  const q = text.charCodeAt(i);
  const close = q === 40 ? 41 : q;
  if (q !== 34 && q !== 39 && q !== 40) return undefined;
  let j = i + 1;
  while (j < n && j - i < MAX_TITLE) {
    const c = text.charCodeAt(j);
    if (c === close || c === 10 || c === 13) break;
    if (c === 92) j++;
    j++;
  }
  if (text.charCodeAt(j) !== close) return undefined;
  j = skipBlanks(text, j + 1);
  return text.charCodeAt(j) === 41 ? { start, stop, end: j + 1 } : undefined;
}

/** The destination of a reference definition, starting after its `]:`; it must end the line or precede a title. */
export function parseDefinitionDestination(text: string, afterColon: number): Destination | undefined {
  const n = text.length;
  let i = skipBlanks(text, afterColon);
  let start = i;
  let stop: number;
  if (text.charCodeAt(i) === 60 /* < */) {
    start = i + 1;
    stop = angleDestinationEnd(text, start);
    if (stop < 0) return undefined;
    i = stop + 1;
  } else {
    while (i < n && text.charCodeAt(i) > 32 && i - start < MAX_DESTINATION) i++;
    stop = i;
  }
  if (stop === start) return undefined;
  const c = text.charCodeAt(i);
  if (i < n && !isBlank(c) && c !== 10 && c !== 13) return undefined;
  return { start, stop, end: i };
}

/** Where the `>` closing a `<destination>` that starts at `start` is, or -1 when the line or the bound ends first. */
function angleDestinationEnd(text: string, start: number): number {
  const n = text.length;
  let j = start;
  while (j < n && j - start < MAX_DESTINATION) {
    const c = text.charCodeAt(j);
    if (c === 62 || c === 60 || c === 10 || c === 13) break;
    j++;
  }
  return text.charCodeAt(j) === 62 /* > */ ? j : -1;
}

export function decodePath(raw: string): string {
  let s = raw;
  // Markdown escapes (`\(`) stand for the character itself.
  if (s.includes('\\')) s = s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A link destination as a workspace path and fragment; undefined for URLs, anchors and paths outside the root. */
export function resolveTarget(fromFile: string, raw: string): { path: string; fragment?: string } | undefined {
  if (raw.startsWith('#') || raw.startsWith('//') || URL_SCHEME.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  let file = hash >= 0 ? raw.slice(0, hash) : raw;
  const query = file.indexOf('?');
  if (query >= 0) file = file.slice(0, query);
  file = decodePath(file);
  if (file === '') return undefined;
  const resolved = resolveRelative(fromFile, file);
  if (!resolved) return undefined;
  const fragment = hash >= 0 ? decodePath(raw.slice(hash + 1)) : '';
  return fragment === '' ? { path: resolved } : { path: resolved, fragment };
}


export function skipBlanks(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}
