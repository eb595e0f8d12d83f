// Search over everything the index knows: decisions by title, number, id and tags; terms by name and aliases;
// views and their elements by name and code paths — fuzzily, with fuse.js, on those short fields — and every
// entry's body (a decision's text, a term's definition) by the words of the query.
//
// Fuse's fuzzy matching costs time in proportion to the text it compares, so it is kept to the short fields: over
// ten thousand decisions of a few kilobytes each a fuzzy body search takes seconds per query, while a word search
// over the same bodies takes milliseconds. Body matches rank after good matches on names.
import type Fuse from 'fuse.js';
import { onFirstUse } from './lazyModule';
import { formatDecisionId } from './lifecycle';
import type { ArchitectureView, Decision, GlossaryTerm } from './model';

// Loaded with the first search (see lazyModule.ts).
const fuse = onFirstUse(() => require('fuse.js') as typeof Fuse);

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

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.35,
  // Each word of the query is matched fuzzily on its own and all must match one field, so "kafka conect debezum"
  // finds "Kafka Connect and Debezium for CDC" although other words stand between them.
  useExtendedSearch: true,
  keys: [
    { name: 'name', weight: 3 },
    { name: 'ids', weight: 2 },
    { name: 'tags', weight: 1.5 },
  ],
};

/** Entries per slice of a search: a caller that must stay responsive gives the event loop back between slices. */
const SLICE = 500;

/** Score of a body match that has every word of the query; Fuse's accepted name matches score 0 to 0.35. */
const BODY_SCORE = 0.4;

export class SearchIndex {
  private readonly entries: Entry[] = [];
  /** One Fuse index per slice of entries (scores are per entry, so slices rank as one index would). */
  private fuses?: Fuse<Entry>[];
  private lowerBodies?: string[];

  constructor(decisions: readonly Decision[], terms: readonly GlossaryTerm[], views: readonly ArchitectureView[]) {
    for (const d of decisions) {
      // The path-derived id is long and costs Fuse more than it helps fuzzily: it is searched by its words instead.
      const ids = d.number !== undefined ? [String(d.number), formatDecisionId(d.number), `ADR-${d.number}`] : [];
      this.entries.push({ hit: { kind: 'decision', decision: d }, name: d.title, ids, tags: d.tags, body: `${d.id}\n${d.searchText}` });
    }
    for (const t of terms) this.entries.push({ hit: { kind: 'term', term: t }, name: t.term, ids: t.aliases, tags: [], body: t.definition });
    for (const v of views) {
      this.entries.push({ hit: { kind: 'view', view: v }, name: v.title, ids: [v.kind], tags: [], body: '' });
      for (const e of v.elements) {
        this.entries.push({ hit: { kind: 'element', view: v, element: e }, name: e.name, ids: e.paths, tags: [v.title], body: e.description ?? '' });
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The best `limit` hits, best first; ties keep the index's order (decisions, terms, views). */
  search(query: string, limit = 50): SearchHit[] {
    const steps = this.searchSteps(query, limit);
    let next = steps.next(false);
    while (!next.done) next = steps.next(false);
    return next.value;
  }

  /**
   * The same search in slices: the generator yields after each slice of entries, and ends with the hits found so
   * far when the caller passes `true` to `next` (its time is up).
   */
  *searchSteps(query: string, limit = 50): Generator<void, SearchHit[], boolean> {
    const q = query.trim();
    const scores = new Map<number, number>();
    const result = () =>
      [...scores]
        .sort((a, b) => a[1] - b[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([i, score]) => ({ ...this.entries[i].hit, score }) as SearchHit);
    if (!q) return [];
    this.fuses ??= Array.from({ length: Math.ceil(this.entries.length / SLICE) }, (_, i) => new (fuse())(this.entries.slice(i * SLICE, (i + 1) * SLICE), FUSE_OPTIONS));
    const lower = q.toLowerCase();
    for (let slice = 0; slice < this.fuses.length; slice++) {
      for (const r of this.fuses[slice].search(q, { limit: Math.max(limit * 4, 200) })) {
        // Fuse scores all words found alike; a name that is the query, or starts with it, is what the user meant.
        const index = slice * SLICE + r.refIndex;
        const e = this.entries[index];
        const name = e.name.toLowerCase();
        const exact = name === lower || e.ids.some((id) => id.toLowerCase() === lower) || (e.hit.kind === 'decision' && e.hit.decision.id.toLowerCase() === lower);
        scores.set(index, exact ? 0 : name.startsWith(lower) ? (r.score ?? 0) / 2 : r.score ?? 0);
      }
      if (yield) return result();
    }

    const words = [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3))];
    if (words.length > 0) {
      // Lower-cased once per index snapshot, on the first search that needs it.
      this.lowerBodies ??= this.entries.map((e) => e.body.toLowerCase());
      const bodies = this.lowerBodies;
      for (let i = 0; i < bodies.length; i++) {
        const body = bodies[i];
        if (body.length === 0) continue;
        let found = 0;
        for (const w of words) if (body.includes(w)) found++;
        if (found === 0) continue;
        const score = BODY_SCORE + 0.5 * (1 - found / words.length);
        const current = scores.get(i);
        if (current === undefined || score < current) scores.set(i, score);
      }
    }
    return result();
  }
}
