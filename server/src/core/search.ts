// Fuzzy search over everything the index knows, with fuse.js: decisions by number, title, id, tags and body;
// terms by name, aliases and definition; views and their elements by name.
import Fuse, { type FuseIndex } from 'fuse.js';
import type { ArchitectureView, Decision, GlossaryTerm } from './model';

export type SearchHit =
  | { kind: 'decision'; score: number; decision: Decision }
  | { kind: 'term'; score: number; term: GlossaryTerm }
  | { kind: 'view'; score: number; view: ArchitectureView }
  | { kind: 'element'; score: number; view: ArchitectureView; element: ArchitectureView['elements'][number] };

type WithoutScore<T> = T extends unknown ? Omit<T, 'score'> : never;

interface Entry {
  hit: WithoutScore<SearchHit>;
  name: string;
  ids: string[];
  tags: string[];
  body: string;
}

export class SearchIndex {
  private readonly fuse: Fuse<Entry>;
  private readonly entries: Entry[];
  private readonly index: FuseIndex<Entry>;
  private readonly keys: ReturnType<FuseIndex<Entry>['toJSON']>['keys'];
  private readonly records: FuseRecord[];
  /** Each record's field values in lower case (what Fuse compares), in the records' shape. */
  private readonly lower: LowerRecord[];

  constructor(decisions: readonly Decision[], terms: readonly GlossaryTerm[], views: readonly ArchitectureView[]) {
    const entries: Entry[] = [];
    for (const d of decisions) {
      const ids = [d.id];
      if (d.number !== undefined) ids.push(String(d.number), `ADR-${String(d.number).padStart(4, '0')}`, `ADR-${d.number}`);
      entries.push({ hit: { kind: 'decision', decision: d }, name: d.title, ids, tags: d.tags, body: d.searchText });
    }
    for (const t of terms) entries.push({ hit: { kind: 'term', term: t }, name: t.term, ids: t.aliases, tags: [], body: t.definition });
    for (const v of views) {
      entries.push({ hit: { kind: 'view', view: v }, name: v.title, ids: [v.kind], tags: [], body: '' });
      for (const e of v.elements) entries.push({ hit: { kind: 'element', view: v, element: e }, name: e.name, ids: e.paths, tags: [v.title], body: e.description ?? '' });
    }
    this.entries = entries;
    this.index = Fuse.createIndex(FUSE_OPTIONS.keys, entries);
    const json = this.index.toJSON();
    this.keys = json.keys;
    this.records = json.records as FuseRecord[];
    this.lower = this.records.map((r) => {
      const out: LowerRecord = {};
      for (const [k, field] of Object.entries(r.$)) out[k] = Array.isArray(field) ? field.map((f) => f.v.toLowerCase()) : field.v.toLowerCase();
      return out;
    });
    this.fuse = new Fuse(entries, FUSE_OPTIONS, this.index);
  }

  /** The best `limit` hits; `exhaustive` hands Fuse every field whole (the same answer, slowly; for tests). */
  search(query: string, limit = 50, exhaustive = false): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    // Fuse compares the query with every field of every entry, which costs seconds over thousands of long
    // decision bodies. Only the entries and the parts of fields that can hold a match are handed to it.
    const narrowed = exhaustive ? undefined : narrowRecords(q.toLowerCase(), this.records, this.lower);
    this.fuse.setCollection(this.entries, narrowed ? Fuse.parseIndex<Entry>({ keys: this.keys, records: narrowed }) : this.index);
    return this.fuse.search(q, { limit }).map((r) => ({ ...r.item.hit, score: r.score ?? 0 }) as SearchHit);
  }
}

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.35,
  keys: [
    { name: 'name', weight: 3 },
    { name: 'ids', weight: 2 },
    { name: 'tags', weight: 1.5 },
    { name: 'body', weight: 0.5 },
  ],
};

// Fuse's index records: per key index, one value or a list of them, with the field-length norm Fuse scores by.
interface FuseField {
  v: string;
  i?: number;
  n: number;
}
interface FuseRecord {
  i: number;
  $: Record<string, FuseField | FuseField[]>;
}
type LowerRecord = Record<string, string | string[]>;

/** Fuse's bitap works on patterns of up to 32 characters and splits longer ones into chunks of 32. */
const FUSE_MAX_BITS = 32;

/**
 * The records that can match `pattern` (lower case), each field cut down to the windows that can hold a match; or
 * undefined when the pattern cannot be narrowed. Exact for Fuse's scoring with ignoreLocation: a match with at most
 * k errors (k = the most errors the threshold allows) of a pattern cut into k + 1 pieces contains one piece
 * unchanged, and lies within pattern length + k characters of it. Windows are joined by k + 1 NUL characters, which
 * a match cannot cross within k errors, and keep the field's norm, so each kept entry scores exactly as before.
 */
function narrowRecords(pattern: string, records: readonly FuseRecord[], lower: readonly LowerRecord[]): FuseRecord[] | undefined {
  if (pattern.includes('\0')) return undefined;
  const chunks: string[] = [];
  if (pattern.length <= FUSE_MAX_BITS) chunks.push(pattern);
  else {
    for (let i = 0; i + FUSE_MAX_BITS <= pattern.length; i += FUSE_MAX_BITS) chunks.push(pattern.slice(i, i + FUSE_MAX_BITS));
    if (pattern.length % FUSE_MAX_BITS) chunks.push(pattern.slice(pattern.length - FUSE_MAX_BITS));
  }
  const pieces: string[] = [];
  let reach = 0;
  let maxErrors = 0;
  for (const chunk of chunks) {
    const m = chunk.length;
    let k = 0;
    while ((k + 1) / m <= FUSE_OPTIONS.threshold) k++;
    for (let p = 0; p <= k; p++) pieces.push(chunk.slice(Math.floor((p * m) / (k + 1)), Math.floor(((p + 1) * m) / (k + 1))));
    reach = Math.max(reach, m + k);
    maxErrors = Math.max(maxErrors, k);
  }
  const unique = [...new Set(pieces)];
  const gap = '\0'.repeat(maxErrors + 1);
  const out: FuseRecord[] = [];
  for (let r = 0; r < records.length; r++) {
    const record = records[r];
    let kept: FuseRecord | undefined;
    for (const [key, field] of Object.entries(record.$)) {
      const low = lower[r][key];
      let narrowed: FuseField | FuseField[] | undefined;
      if (Array.isArray(field)) {
        const items: FuseField[] = [];
        field.forEach((f, i) => {
          const w = windows((low as string[])[i], pattern, unique, reach, gap);
          if (w !== undefined) items.push({ ...f, v: w });
        });
        if (items.length > 0) narrowed = items;
      } else {
        const w = windows(low as string, pattern, unique, reach, gap);
        if (w !== undefined) narrowed = { ...field, v: w };
      }
      if (narrowed) {
        kept ??= { i: record.i, $: {} };
        kept.$[key] = narrowed;
      }
    }
    if (kept) out.push(kept);
  }
  return out;
}

/** The parts of `text` within `reach` of a piece, or undefined when no piece occurs in it. */
function windows(text: string, pattern: string, pieces: readonly string[], reach: number, gap: string): string | undefined {
  // Short fields are searched whole: cutting them would save nothing.
  const short = text.length <= 4 * reach;
  const spans: [number, number][] = [];
  for (const piece of pieces) {
    let at = text.indexOf(piece);
    if (at < 0) continue;
    if (short) return text;
    while (at >= 0) {
      spans.push([Math.max(0, at - reach), Math.min(text.length, at + piece.length + reach)]);
      if (spans.length * 2 * reach > text.length) return text;
      at = text.indexOf(piece, at + 1);
    }
  }
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let [start, end] = spans[0];
  for (const [s, e] of spans) {
    if (s <= end) end = Math.max(end, e);
    else {
      parts.push(text.slice(start, end));
      [start, end] = [s, e];
    }
  }
  parts.push(text.slice(start, end));
  if (parts.length === 1 && start === 0 && end === text.length) return text;
  // Fuse scores a field equal to the whole query as exact; a cut-down field must not become one.
  const joined = parts.join(gap);
  return joined === pattern ? joined + gap : joined;
}
