// A YAML glossary parsed again after an edit: a 10,000-term file is one YAML document, and parsing all of it for
// each keystroke in one entry costs hundreds of milliseconds. When the file is a plain list of entries (`terms:`
// followed by `- name: …` items, or a top-level list), it is cut into its top-level entries by their `- ` lines and
// only the entries whose text changed are parsed again (each alone, as a one-item list); the others keep their terms,
// moved to their new lines. Anything the cut could get wrong (anchors and aliases, tags, directives, several
// documents, tabs, flow style around the list, any line that is not inside an entry, an entry that does not parse
// alone) falls back to parsing the whole file, so the result is always that of the whole parse.
import type { GlossaryTerm, Problem } from '../model';
import type { GlossaryParseResult } from './markdown';
import { normaliseYaml, parseGlossaryYamlEntry, parseGlossaryYamlWhole } from './yaml';
import { readPlainEntries } from './yamlPlain';

interface ParsedEntry {
  /** The file line of the entry's first line when its results were made. */
  line: number;
  result: GlossaryParseResult;
}

/** The entries of one file as last parsed, by their text. */
export type EntryCache = Map<string, ParsedEntry>;

/** Work done by the parses (tests count it: an edit of one entry parses one entry). */
export const glossaryParseWork = { wholeParses: 0, entriesParsed: 0 };

/** The entries last parsed per glossary (path and scope), kept on the object that reads them (the index's context). */
export type GlossaryCaches = Map<string, EntryCache>;
const MAX_FILES = 4;

/** The glossary caches kept on `holder` (made on first use). */
export function glossaryCachesOf(holder: object): GlossaryCaches {
  const h = holder as { glossaryEntries?: GlossaryCaches };
  return (h.glossaryEntries ??= new Map());
}

/**
 * Parses a YAML glossary: whole the first time, then entry by entry from the last parse of the same file, with the
 * caches given (without them, always whole).
 */
export function parseGlossaryYaml(path: string, text: string, scope: string, caches?: GlossaryCaches): GlossaryParseResult {
  if (!caches) return parseFirst(path, text, scope);
  const key = `${path}\0${scope}`;
  const cache = caches.get(key);
  if (!cache) {
    // The first read of a file (the index at start, `archlens check`): one parse, shared out to the entries so the
    // first edit parses the entry it changed, not the whole file again.
    const fresh: EntryCache = new Map();
    caches.set(key, fresh);
    if (caches.size > MAX_FILES) caches.delete(caches.keys().next().value!);
    return parseFirst(path, text, scope, fresh);
  }
  caches.delete(key);
  caches.set(key, cache);
  return parseGlossaryYamlByEntry(path, text, scope, cache);
}

/**
 * A file read for the first time: entry by entry without a YAML parser when it is written plainly (yamlPlain.ts),
 * else whole; the result shared out to the entries of `cache` when given (and the file has no problems: a problem
 * may be the whole file's, not one entry's).
 */
function parseFirst(path: string, text: string, scope: string, cache?: EntryCache): GlossaryParseResult {
  const chunks = splitEntries(normaliseYaml(text));
  const terms = chunks && readPlainEntries(chunks, path, scope);
  let result: GlossaryParseResult;
  if (terms) result = { terms, problems: [] };
  else {
    glossaryParseWork.wholeParses++;
    result = parseGlossaryYamlWhole(path, text, scope);
  }
  if (cache && chunks && result.problems.length === 0) seed(cache, chunks, result);
  return result;
}

/** The parse of `text` reusing the entries in `cache` that did not change; `cache` is left holding this text's entries. */
export function parseGlossaryYamlByEntry(path: string, text: string, scope: string, cache: EntryCache): GlossaryParseResult {
  const source = normaliseYaml(text);
  const chunks = splitEntries(source);
  let parsed: GlossaryParseResult | undefined;
  const whole = () => {
    cache.clear();
    if (parsed) return parsed;
    glossaryParseWork.wholeParses++;
    return (parsed = parseGlossaryYamlWhole(path, text, scope));
  };
  if (!chunks) return whole();
  // The first read again after the start's (which kept nothing): parsing each of 10,000 entries alone costs many
  // times one parse of the file, so the file is parsed whole once and its terms are shared out to the entries. Only
  // a file without problems: a problem may be the whole file's (YAML that does not parse), not one entry's; such a
  // file has its entries parsed one by one, as on any later edit.
  if (cache.size === 0) {
    const result = whole();
    if (result.problems.length === 0 && seed(cache, chunks, result)) return result;
  }
  const terms: GlossaryTerm[] = [];
  const problems: Problem[] = [];
  const next: EntryCache = new Map();
  for (const { text: chunk, line } of chunks) {
    let entry = next.get(chunk) ?? cache.get(chunk);
    if (!entry) {
      glossaryParseWork.entriesParsed++;
      const result = parseGlossaryYamlEntry(path, chunk, scope, line);
      if (!result) return whole();
      entry = { line, result };
    } else if (entry.line !== line) {
      entry = { line, result: moved(entry.result, line - entry.line) };
    }
    next.set(chunk, entry);
    terms.push(...entry.result.terms);
    problems.push(...entry.result.problems);
  }
  cache.clear();
  for (const [k, v] of next) cache.set(k, v);
  terms.sort((a, b) => a.line - b.line);
  return { terms, problems };
}

/**
 * Fills `cache` with each entry's share of the whole file's terms, by line; false, leaving it empty, when a term lies
 * before the first entry (then nothing can be said about the entries alone).
 */
function seed(cache: EntryCache, chunks: readonly { text: string; line: number }[], result: GlossaryParseResult): boolean {
  const shares = chunks.map((c) => ({ line: c.line, result: { terms: [] as GlossaryTerm[], problems: [] as Problem[] } }));
  const shareOf = (line: number) => {
    let lo = 0;
    let hi = chunks.length - 1;
    if (line < chunks[0].line) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    return shares[lo].result;
  };
  for (const t of result.terms) {
    const share = shareOf(t.line);
    if (!share) return false;
    share.terms.push(t);
  }
  // Entries of the same text share the first one's results, moved to their lines, as in a parse by entry.
  for (let k = 0; k < chunks.length; k++) if (!cache.has(chunks[k].text)) cache.set(chunks[k].text, shares[k]);
  return true;
}

function moved(result: GlossaryParseResult, by: number): GlossaryParseResult {
  return { terms: result.terms.map((t) => ({ ...t, line: t.line + by })), problems: result.problems.map((p) => ({ ...p, line: p.line + by })) };
}

const BLANK_OR_COMMENT = /^[ ]*(#.*)?$/;
const LIST_HEADER = /^(terms|glossary|entries)[ ]*:[ ]*(#.*)?$/i;
const ENTRY_START = /^-( |$)/;
// Anchors (&a), aliases (*a), tags (!t) and directives or document markers at a line start: the cut cannot see what
// they refer to across entries. Also matched in prose ("*emphasis*"), which only costs a whole parse.
const UNSAFE = /(^|[\s[\]{},:])[&*!][^\s[\]{},]|^(%|---|\.\.\.)|\t/m;

/**
 * The top-level entries of a glossary that is one list of terms, each with its text and first line (1-based); undefined
 * when the file has any other shape or anything the cut could misread.
 */
export function splitEntries(source: string): { text: string; line: number }[] | undefined {
  if (UNSAFE.test(source)) return undefined;
  const lines = source.split('\n');
  let i = 0;
  while (i < lines.length && BLANK_OR_COMMENT.test(lines[i])) i++;
  if (i >= lines.length) return undefined;
  let indent = 0;
  if (!ENTRY_START.test(lines[i])) {
    if (!LIST_HEADER.test(lines[i])) return undefined;
    i++;
    while (i < lines.length && BLANK_OR_COMMENT.test(lines[i])) i++;
    if (i >= lines.length) return undefined;
    indent = lines[i].length - lines[i].trimStart().length;
    if (!ENTRY_START.test(lines[i].slice(indent))) return undefined;
  }
  const starts: number[] = [];
  for (let j = i; j < lines.length; j++) {
    const line = lines[j];
    if (BLANK_OR_COMMENT.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    if (lead === indent && ENTRY_START.test(line.slice(indent))) starts.push(j);
    else if (lead <= indent) return undefined;
  }
  const out: { text: string; line: number }[] = [];
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    out.push({ text: lines.slice(starts[k], end).join('\n'), line: starts[k] + 1 });
  }
  return out;
}
