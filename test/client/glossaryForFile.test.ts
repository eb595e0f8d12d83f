// The Glossary and "For this file" trees' models on the example workspace's real data.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TermItem } from '../../server/src/protocol';
import { changesDocumentText, forFileSections, staleDescription } from '../../client/src/model/forFile';
import { letterGroups, sortTerms, termTooltip } from '../../client/src/model/glossary';
import { exampleRequests } from './fixtures';

let terms: TermItem[];
let requests: Awaited<ReturnType<typeof exampleRequests>>['requests'];
let uriOf: (p: string) => string;

beforeAll(async () => {
  ({ requests, uriOf } = await exampleRequests());
  terms = requests.glossary({});
});

describe('glossary', () => {
  it('sorts the example terms A–Z ignoring case', () => {
    const sorted = sortTerms(terms).map((t) => t.term);
    expect(sorted.length).toBe(terms.length);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1].localeCompare(sorted[i], undefined, { sensitivity: 'base' })).toBeLessThanOrEqual(0);
  });

  it('groups by first letter with counts, symbols last', () => {
    const extra: TermItem = { ...terms[0], term: '2PC', aliases: [] };
    const groups = letterGroups([...terms, extra]);
    expect(groups.at(-1)!.letter).toBe('#');
    expect(groups.reduce((n, g) => n + g.terms.length, 0)).toBe(terms.length + 1);
    for (const g of groups.slice(0, -1)) {
      expect(g.label).toBe(`${g.letter} (${g.terms.length})`);
      expect(g.terms.every((t) => t.term.normalize('NFKD')[0].toUpperCase() === g.letter)).toBe(true);
    }
  });

  it('shows definition, aliases and words to avoid in the tooltip', () => {
    const retl = terms.find((t) => t.term === 'reverse ETL')!;
    const tip = termTooltip(retl);
    expect(tip.startsWith(`reverse ETL\n\n${retl.definition}`)).toBe(true);
    expect(tip).toContain('Also: reverse-ETL, reverse_etl, reverse_etl_job');
    expect(tip).toContain('Avoid: data activation');
  });
});

describe('for this file', () => {
  it('lists the decisions governing a connector config and the view elements documenting it', () => {
    const result = requests.forFile({ uri: uriOf('connect/debezium/orders-postgres-source.json') });
    const sections = forFileSections(result);
    const governed = sections.find((s) => s.key === 'governedBy');
    expect(governed?.kind === 'decisions' && governed.decisions.map((d) => d.number).sort((a, b) => a! - b!)).toEqual([7, 12]);
    expect(governed?.label).toBe('Governed by (2)');
    expect(sections.some((s) => s.key === 'elements')).toBe(true);
  });

  it('lists a cited decision once, under "Governed by" when it also governs the file', () => {
    const d = requests.decisions({}).find((x) => x.number === 7)!;
    const sections = forFileSections({ governedBy: [d], cites: [d], elements: [], stale: [] });
    expect(sections.map((s) => s.label)).toEqual(['Governed by (1)']);
  });

  it('has no sections for a file nothing refers to', () => {
    expect(forFileSections(requests.forFile({ uri: uriOf('no/such/file.txt') }))).toEqual([]);
  });

  it('describes a stale finding and builds the changes document', () => {
    const stale = { docUri: 'file:///r/docs/adr/0007-x.md', docLine: 1, subject: 'Kafka Connect', message: 'm', commitCount: 3, latest: { hash: '0123456789abcdef', date: '2025-02-03T10:00:00Z', author: 'a', subject: 'Bump connector' }, governedUris: [] };
    expect(staleDescription(stale)).toBe('3 commits · latest 0123456 Bump connector (2025-02-03)');
    const text = changesDocumentText('docs/adr/0007-x.md', { base: 'abcdef0123456789', files: [{ path: 'connect/a.json' }], stat: ' connect/a.json | 2 +-\n', diff: 'diff --git a/connect/a.json b/connect/a.json\n' });
    expect(text.split('\n')).toEqual([
      '# Changes to the code documented by docs/adr/0007-x.md',
      "# since abcdef012345 (the document's last change or review), to the working tree",
      '# files: connect/a.json',
      '',
      ' connect/a.json | 2 +-',
      '',
      'diff --git a/connect/a.json b/connect/a.json',
      '',
    ]);
    expect(changesDocumentText('d.md', { files: [], stat: '', diff: '' })).toContain('# No changes.');
  });
});
