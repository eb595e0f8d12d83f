// Search on real records: fuzzy on names, numbers and tags; by words in bodies; names before bodies.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { SearchHit } from '../../server/src/core/search';
import type { IndexSnapshot } from '../../server/src/core/snapshot';

const REPO = path.resolve(__dirname, '../..');

function label(h: SearchHit): string {
  switch (h.kind) {
    case 'decision':
      return `decision ${h.decision.number ?? h.decision.id}`;
    case 'term':
      return `term ${h.term.term}`;
    case 'view':
      return `view ${h.view.title}`;
    case 'element':
      return `element ${h.element.name}`;
  }
}

describe('search', () => {
  let example: IndexSnapshot;
  let log4brains: IndexSnapshot;
  beforeAll(async () => {
    example = await new ArchitectureIndex(new NodeWorkspace(path.join(REPO, 'examples/data-platform'))).rebuild();
    log4brains = await new ArchitectureIndex(new NodeWorkspace(path.resolve(REPO, '../shared/corpora/log4brains'))).rebuild();
  });

  it('finds a decision by its number in the forms people type', () => {
    for (const q of ['ADR-0007', 'ADR-7', '7']) expect(label(example.search(q)[0]), q).toBe('decision 7');
  });

  it('forgives typos in titles', () => {
    expect(label(example.search('kafka conect debezum')[0])).toBe('decision 7');
    expect(label(log4brains.search('use lunr for serch')[0])).toMatch(/^decision .*use-lunr-for-search$/);
  });

  it('finds terms by name and alias, and views and elements by name', () => {
    expect(example.search('dead letter queue').map(label)).toContain('term DLQ');
    expect(label(example.search('module view')[0])).toBe('view Module view');
    expect(example.search('debezium source').map(label)).toContain('element Debezium source connectors');
  });

  it('finds decisions by words that appear only in their bodies, after name matches', () => {
    // "Replication slot" is in the body of decision 7 and in no title.
    const titles = example.decisions.filter((d) => d.title.toLowerCase().includes('replication'));
    expect(titles).toEqual([]);
    const inBodies = example.decisions.filter((d) => /replication slot/i.test(d.searchText)).map((d) => `decision ${d.number}`);
    expect(inBodies).toEqual(['decision 7']);
    const hits = example.search('replication slot');
    expect(hits.map(label)).toEqual(expect.arrayContaining(inBodies));
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0.4);
    // A query matching a title ranks that decision above decisions that only mention the words.
    const cdc = example.search('change data capture');
    expect(cdc[0].score).toBeLessThan(0.4);
  });

  it('returns nothing for an empty query or a word found nowhere', () => {
    expect(example.search('   ')).toEqual([]);
    expect(example.search('xylophonequartz')).toEqual([]);
  });

  it('respects the limit and orders by score', () => {
    const hits = example.search('the', 5);
    expect(hits.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i].score).toBeGreaterThanOrEqual(hits[i - 1].score);
  });
});
