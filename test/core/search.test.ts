// The fuzzy search hands Fuse only the entries and parts of fields that can hold a match; the hits and their scores
// must be exactly those of Fuse over every field whole, for short, long (chunked), misspelt and absent queries.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { Decision, GlossaryTerm } from '../../server/src/core/model';
import { SearchIndex, type SearchHit } from '../../server/src/core/search';

const REPO = path.resolve(__dirname, '../..');
const ROOTS = [path.join(REPO, 'examples/data-platform'), path.resolve(REPO, '../shared/corpora/log4brains'), path.resolve(REPO, '../shared/corpora/arachne')];

function key(h: SearchHit): string {
  const what = h.kind === 'decision' ? h.decision.id : h.kind === 'term' ? `${h.term.path}:${h.term.line}` : h.kind === 'view' ? h.view.path : `${h.view.path}#${h.element.name}`;
  return `${h.kind} ${what} ${h.score}`;
}

/** A deterministic generator, so the misspelt queries are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SearchIndex narrowing', () => {
  const indexes: SearchIndex[] = [];
  const decisions: Decision[] = [];
  const terms: GlossaryTerm[] = [];
  beforeAll(async () => {
    for (const root of ROOTS) {
      const s = await new ArchitectureIndex(new NodeWorkspace(root)).rebuild();
      indexes.push(new SearchIndex(s.decisions, s.terms, s.views));
      decisions.push(...s.decisions);
      terms.push(...s.terms);
    }
  });

  it('finds exactly what Fuse finds over whole fields', () => {
    const rand = random(11);
    const typo = (s: string) => {
      const chars = [...s];
      for (let n = 0; n < 1 + Math.floor(rand() * 2); n++) {
        const at = Math.floor(rand() * chars.length);
        const r = rand();
        if (r < 0.33) chars.splice(at, 1);
        else if (r < 0.66) chars.splice(at, 0, 'xqz'[Math.floor(rand() * 3)]);
        else chars[at] = 'e';
      }
      return chars.join('');
    };
    const queries = [
      'kafka conect', 'ADR-0007', 'adr 12', 'CDC', 'a', 'zz', 'Accepted', 'superseded by', 'reverse etl', 'module view',
      'change data capture from the transaction log of the database', // over 32 characters: Fuse splits it
      'the slug of an ADR is used as its unique identifier in every link between records',
      'Änderung', 'no such thing anywhere', 'docs/adr/0009', 'connect/debezium/', 'SLO', 'use lunr',
    ];
    // A sample of the records keeps the exhaustive comparison to a few seconds.
    for (const d of decisions.filter((_, i) => i % 4 === 0)) {
      queries.push(typo(d.title), d.title.slice(0, 12));
      const words = d.searchText.split(' ');
      const at = Math.floor(rand() * Math.max(1, words.length - 4));
      queries.push(typo(words.slice(at, at + 1 + Math.floor(rand() * 4)).join(' ')));
    }
    for (const t of terms.filter((_, i) => i % 3 === 0)) queries.push(typo(t.term), t.definition.split(' ').slice(2, 5).join(' '));
    let hits = 0;
    for (const index of indexes) {
      for (const q of queries) {
        const narrowed = index.search(q, 50).map(key);
        expect(narrowed, q).toEqual(index.search(q, 50, true).map(key));
        hits += narrowed.length;
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  it('still answers from a long body, past the windows it cuts', () => {
    const body = `${'filler words about nothing in particular '.repeat(60)}the compaction of iceberg tables ${'more filler text here '.repeat(60)}`;
    const d = { id: 'docs/adr/0001-x', number: 1, title: 'Storage', tags: [], searchText: body } as unknown as Decision;
    const other = { id: 'docs/adr/0002-y', number: 2, title: 'Other', tags: [], searchText: 'compaction' } as unknown as Decision;
    const index = new SearchIndex([d, other], [], []);
    for (const q of ['compaction of iceberg', 'compacton of icberg tables', 'compaction']) {
      const hits = index.search(q).map(key);
      expect(hits.length, q).toBeGreaterThan(0);
      expect(hits).toEqual(index.search(q, 50, true).map(key));
    }
  });
});
