// Fuzzy search over everything the index knows, with fuse.js: decisions by number, title, id, tags and body;
// terms by name, aliases and definition; views and their elements by name.
import Fuse from 'fuse.js';
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
    this.fuse = new Fuse(entries, {
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
      keys: [
        { name: 'name', weight: 3 },
        { name: 'ids', weight: 2 },
        { name: 'tags', weight: 1.5 },
        { name: 'body', weight: 0.5 },
      ],
    });
  }

  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    return this.fuse.search(q, { limit }).map((r) => ({ ...r.item.hit, score: r.score ?? 0 }) as SearchHit);
  }
}
