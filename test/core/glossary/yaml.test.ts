import { describe, expect, it } from 'vitest';
import { parseGlossaryYaml } from '../../../server/src/core/glossary/parse';

const lines = (...l: string[]) => l.join('\n');
const parse = (text: string, scope = '') => parseGlossaryYaml('glossary.yml', text, scope);

describe('YAML glossaries', () => {
  it('reads `terms:` entries with exact fields', () => {
    const { terms, problems } = parse(
      lines(
        'terms:',
        '  - name: Invoice',
        '    definition: A **request** for payment.',
        '    aliases: [bill, Invoice, Bill]',
        '    avoid: [receipt]',
        '  - term: Credit Note',
        '    definition: |',
        '      Cancels an invoice',
        '      in part or in full.',
      ),
      'billing',
    );
    expect(problems).toEqual([]);
    expect(terms).toEqual([
      {
        term: 'Invoice',
        aliases: ['bill'],
        definition: 'A request for payment.',
        avoid: ['receipt'],
        path: 'glossary.yml',
        line: 2,
        scope: 'billing',
        source: 'yaml',
      },
      {
        term: 'Credit Note',
        aliases: [],
        definition: 'Cancels an invoice in part or in full.',
        avoid: [],
        path: 'glossary.yml',
        line: 6,
        scope: 'billing',
        source: 'yaml',
      },
    ]);
  });

  it('reads a top-level list, with the line of the name even when it is not the first key', () => {
    const { terms } = parse(lines('- definition: First.', '  name: One', '- name: Two', '  aliases: deux, zwei'));
    expect(terms.map((t) => [t.term, t.line, t.definition, t.aliases])).toEqual([
      ['One', 2, 'First.', []],
      ['Two', 3, '', ['deux', 'zwei']],
    ]);
  });

  it('reads a plain `term: definition` mapping, and mapping values with fields', () => {
    const { terms } = parse(lines('# comment', 'Latency: Time to first byte.', 'Throughput:', '  definition: Requests per second.', '  avoid: speed'));
    expect(terms.map((t) => [t.term, t.line, t.definition, t.avoid])).toEqual([
      ['Latency', 2, 'Time to first byte.', []],
      ['Throughput', 3, 'Requests per second.', ['speed']],
    ]);
  });

  it('reads the Contextive shape across contexts', () => {
    const { terms, problems } = parse(
      lines(
        'contexts:',
        '  - name: Billing',
        '    domainVisionStatement: Get paid.',
        '    paths:',
        '      - billing/**',
        '    terms:',
        '      - name: Payment',
        '        definition: Money received.',
        '        aliases:',
        '          - remittance',
        '        examples:',
        '          - A card payment.',
        '  - name: Shipping',
        '    terms:',
        '      - name: Carrier',
        '        definition: Who delivers.',
        '        aliases: courier',
      ),
      '',
    );
    expect(problems).toEqual([]);
    expect(terms.map((t) => [t.term, t.line, t.definition, t.aliases, t.source])).toEqual([
      ['Payment', 7, 'Money received.', ['remittance'], 'yaml'],
      ['Carrier', 15, 'Who delivers.', ['courier'], 'yaml'],
    ]);
  });

  it("reports 'bad-glossary' for entries with no name and keeps the others", () => {
    const { terms, problems } = parse(lines('terms:', '  - definition: orphan', '  - name: ""', '  - 42', '  - name: Kept', '    definition: yes'));
    expect(terms.map((t) => t.term)).toEqual(['Kept']);
    expect(problems.map((p) => [p.code, p.severity, p.path, p.line])).toEqual([
      ['bad-glossary', 'warning', 'glossary.yml', 2],
      ['bad-glossary', 'warning', 'glossary.yml', 3],
      ['bad-glossary', 'warning', 'glossary.yml', 4],
    ]);
  });

  it("reports broken YAML as 'bad-glossary' on the line of the error", () => {
    const { terms, problems } = parse(lines('terms:', '  - name: A', '    definition: [unclosed', '  - name: B'));
    expect(terms).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'bad-glossary', path: 'glossary.yml' });
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
    expect(problems[0].message).toMatch(/does not parse/);
  });

  it('handles CRLF, a BOM, empty files and scalars without throwing', () => {
    const { terms } = parse('\uFEFFterms:\r\n  - name: A\r\n    definition: x\r\n  - name: B\r\n');
    expect(terms.map((t) => [t.term, t.line])).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
    expect(parse('')).toEqual({ terms: [], problems: [] });
    expect(parse('just a string').problems.map((p) => p.code)).toEqual(['bad-glossary']);
    expect(() => parse('\u0000\u0001\u0002')).not.toThrow();
    expect(() => parse('a: &x [*x]')).not.toThrow();
  });

  it('survives an alias bomb', () => {
    const bomb = lines('a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]');
    expect(() => parse(bomb)).not.toThrow();
  });

  it('parses 10,000 entries', () => {
    const parts = ['terms:'];
    for (let i = 0; i < 10_000; i++) parts.push(`  - name: Term ${i}`, `    definition: Def ${i}`);
    const { terms } = parse(parts.join('\n'));
    expect(terms).toHaveLength(10_000);
    expect(terms[5000]).toMatchObject({ term: 'Term 5000', line: 2 + 5000 * 2, definition: 'Def 5000' });
  });
});
