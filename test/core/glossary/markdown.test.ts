import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGlossaryMarkdown } from '../../../server/src/core/glossary/parse';
import { parseMarkdownDocument } from '../../../server/src/core/markdown';

const lines = (...l: string[]) => l.join('\n');
const parse = (text: string, scope = '') => parseGlossaryMarkdown('docs/glossary.md', text, scope);

describe('definition lists', () => {
  it('reads a term and its definition with exact fields', () => {
    const { terms, problems } = parse(lines('# Glossary', '', 'Bounded Context', ': A boundary within which a model applies.', ''), 'docs');
    expect(problems).toEqual([]);
    expect(terms).toEqual([
      {
        term: 'Bounded Context',
        aliases: [],
        definition: 'A boundary within which a model applies.',
        avoid: [],
        path: 'docs/glossary.md',
        line: 3,
        scope: 'docs',
        source: 'deflist',
      },
    ]);
  });

  it('joins indented continuation lines, further `:` lines and indented paragraphs into one paragraph', () => {
    const { terms } = parse(
      lines(
        'Aggregate',
        ':   A cluster of objects',
        '    treated as a unit.',
        ': Also the consistency boundary.',
        '',
        '    Changes go through its root.',
        '',
        'Entity',
        ': Has an identity.',
      ),
    );
    expect(terms.map((t) => [t.term, t.line, t.definition])).toEqual([
      ['Aggregate', 1, 'A cluster of objects treated as a unit. Also the consistency boundary. Changes go through its root.'],
      ['Entity', 8, 'Has an identity.'],
    ]);
  });

  it('reads entries written without blank lines between them, and a lazy continuation line', () => {
    const { terms } = parse(lines('Apple', ': A fruit', 'that grows on trees.', 'Orange', ': Another fruit.', 'Pear', ': Green.', 'not indented'));
    expect(terms.map((t) => [t.term, t.line, t.definition, t.aliases])).toEqual([
      ['Apple', 1, 'A fruit that grows on trees.', []],
      ['Orange', 4, 'Another fruit.', []],
      ['Pear', 6, 'Green. not indented', []],
    ]);
  });

  it('takes synonyms after a blank line following the previous entry', () => {
    const { terms } = parse(lines('Apple', ': A fruit.', '', 'Orange', 'Citrus', ': Another fruit.'));
    expect(terms.map((t) => [t.term, t.aliases])).toEqual([
      ['Apple', []],
      ['Orange', ['Citrus']],
    ]);
  });

  it('takes consecutive term lines as synonyms: the first is the term, the others aliases', () => {
    const { terms } = parse(lines('Customer', 'Client', '**Buyer**', ': Someone who places orders.'));
    expect(terms).toHaveLength(1);
    expect(terms[0]).toMatchObject({ term: 'Customer', aliases: ['Client', 'Buyer'], line: 1, definition: 'Someone who places orders.' });
  });

  it('reads aliases from parentheses on the term line, including an abbreviation', () => {
    const { terms } = parse(lines('**Change Data Capture** (CDC)', ': Streaming row changes.', '', 'Order Line (line item, position)', ': One product in an order.'));
    expect(terms.map((t) => [t.term, t.aliases])).toEqual([
      ['Change Data Capture', ['CDC']],
      ['Order Line', ['line item', 'position']],
    ]);
  });

  it('moves Aliases / Also / Avoid lines out of the definition', () => {
    const { terms } = parse(
      lines(
        'Shipment',
        ': A parcel on its way to a customer.',
        '  Aliases: consignment, parcel',
        '  *Also:* delivery',
        '  **Avoid**: package, Shipment, box.',
      ),
    );
    expect(terms[0]).toMatchObject({
      term: 'Shipment',
      definition: 'A parcel on its way to a customer.',
      aliases: ['consignment', 'parcel', 'delivery'],
      avoid: ['package', 'box'],
    });
  });

  it('de-duplicates aliases case-insensitively and never lists the term itself', () => {
    const { terms } = parse(lines('Order (order, ORD)', 'ord', ': A request to buy.', '  Aliases: Order, purchase, Purchase'));
    expect(terms[0].aliases).toEqual(['ORD', 'purchase']);
  });

  it('a word both aliased and avoided is only avoided', () => {
    const { terms } = parse(lines('Tenant', ': An isolated customer account.', '  Aliases: account', '  Avoid: account'));
    expect(terms[0]).toMatchObject({ aliases: [], avoid: ['account'] });
  });

  it('strips inline markup from definitions', () => {
    const { terms } = parse(lines('Event', ': A **fact** that [happened](events.md), see `emit()`.'));
    expect(terms[0].definition).toBe('A fact that happened, see emit().');
  });

  it('ignores `: ` lines inside fenced code', () => {
    const { terms } = parse(lines('```yaml', 'key', ': value', '```', '', 'Real', ': term'));
    expect(terms.map((t) => t.term)).toEqual(['Real']);
  });

  it('accepts a blank line between the term and its definition (pandoc loose form)', () => {
    const { terms } = parse(lines('Saga', '', ': A long-running process.'));
    expect(terms.map((t) => [t.term, t.line, t.definition])).toEqual([['Saga', 1, 'A long-running process.']]);
  });

  it('takes only the last line of a long paragraph above a definition as the term', () => {
    const prose = 'This paragraph explains how the glossary is maintained and is much longer than any term name could ever be, so it must be prose and not a term.';
    const { terms } = parse(lines(prose, 'Projection', ': A read model.'));
    expect(terms.map((t) => [t.term, t.line])).toEqual([['Projection', 2]]);
  });
});

// Python-Markdown's def_list (what an mkdocs site shows) and markdown-it-deflist differ; the glossary follows the site.
describe('definition lists as mkdocs renders them', () => {
  it('examples/data-platform docs/glossary.md:9-11: every term line above `: ` is a synonym, not a paragraph and a term', () => {
    const text = readFileSync(path.resolve(__dirname, '../../../examples/data-platform/docs/glossary.md'), 'utf8');
    const cdc = parse(text).terms.find((t) => t.term === 'CDC');
    // markdown-it-deflist would make "CDC" a paragraph and "Change Data Capture" the term.
    expect(cdc).toMatchObject({ line: 9, aliases: ['Change Data Capture'] });
    expect(cdc?.definition).toMatch(/^Reading every committed insert, update and delete .* \(ADR-0007\)\.$/);
  });

  it('a paragraph indented two columns after a blank line is not part of the definition (four columns are)', () => {
    const { terms } = parse(lines('Ledger', ': The record of entries.', '', '  Two columns: a paragraph of the page.', '', 'Journal', ': A day book.', '', '    Four columns: still the journal.'));
    expect(terms.map((t) => [t.term, t.definition])).toEqual([
      ['Ledger', 'The record of entries.'],
      ['Journal', 'A day book. Four columns: still the journal.'],
    ]);
  });

  it('the terms are the ones the document model holds, so a term is read once whoever asks', () => {
    const text = lines('# G', '', 'Tenant', 'Account', ': An isolated customer.', '', ': Also its data.');
    const doc = parseMarkdownDocument(text);
    expect(doc.outline.definitions.map((e) => e.terms.map((t) => t.text))).toEqual([['Tenant', 'Account']]);
    expect(parseGlossaryMarkdown('docs/glossary.md', text, '', doc).terms.map((t) => [t.term, t.aliases, t.definition])).toEqual([
      ['Tenant', ['Account'], 'An isolated customer. Also its data.'],
    ]);
  });
});

describe('headings', () => {
  it('reads `## Term` headings with their paragraphs; the H1 title is not a term', () => {
    const { terms } = parse(
      lines(
        '# Project Glossary',
        '',
        'Terms we use.',
        '',
        '## Ledger',
        '',
        'The record of all postings.',
        'It is append-only.',
        '',
        'Balances are derived from it.',
        '',
        'Also known as: book of accounts',
        'Avoid: journal',
        '',
        '## Posting (PST)',
        'One entry in the ledger.',
      ),
    );
    expect(terms).toEqual([
      {
        term: 'Ledger',
        aliases: ['book of accounts'],
        definition: 'The record of all postings. It is append-only. Balances are derived from it.',
        avoid: ['journal'],
        path: 'docs/glossary.md',
        line: 5,
        scope: '',
        source: 'heading',
      },
      {
        term: 'Posting',
        aliases: ['PST'],
        definition: 'One entry in the ledger.',
        avoid: [],
        path: 'docs/glossary.md',
        line: 15,
        scope: '',
        source: 'heading',
      },
    ]);
  });

  it('drops an mkdocs `{#anchor}` and a closing colon from heading terms', () => {
    const { terms } = parse(lines('# G', '## Read Model {#read-model}', 'A projection for queries.', '### Write side:', 'Where commands land.'));
    expect(terms.map((t) => [t.term, t.line])).toEqual([
      ['Read Model', 2],
      ['Write side', 4],
    ]);
  });

  it('letter headings over term headings or definition lists are groups, not terms', () => {
    const { terms } = parse(lines('# Glossary', '## A', '### Actor', 'Someone who acts.', '## B', 'Backlog', ': Work not yet done.'));
    expect(terms.map((t) => [t.term, t.source, t.line])).toEqual([
      ['Actor', 'heading', 3],
      ['Backlog', 'deflist', 6],
    ]);
  });

  it('a heading with no text of its own is not a term; list items define it only when there is no paragraph', () => {
    const { terms } = parse(lines('# G', '## Empty', '## Listed', '- Aliases: enumerated', '- a thing written as a list'));
    expect(terms.map((t) => [t.term, t.definition, t.aliases])).toEqual([['Listed', 'a thing written as a list', ['enumerated']]]);
  });
});

describe('tables', () => {
  it('reads a Term | Definition table with exact fields', () => {
    const { terms } = parse(lines('# Glossary', '', '| Term | Definition |', '|---|---|', '| **SLA** | Service level agreement. |', '| Tenant (org) | A customer. |'), 'svc');
    expect(terms).toEqual([
      { term: 'SLA', aliases: [], definition: 'Service level agreement.', avoid: [], path: 'docs/glossary.md', line: 5, scope: 'svc', source: 'table' },
      { term: 'Tenant', aliases: ['org'], definition: 'A customer.', avoid: [], path: 'docs/glossary.md', line: 6, scope: 'svc', source: 'table' },
    ]);
  });

  it('reads Aliases and Avoid columns', () => {
    const { terms } = parse(
      lines('| Name | Meaning | Aliases | Avoid |', '|--|--|--|--|', '| Account | A login. | user, member<br>login | profile; person |'),
    );
    expect(terms[0]).toMatchObject({ term: 'Account', definition: 'A login.', aliases: ['user', 'member', 'login'], avoid: ['profile', 'person'] });
  });

  it('ignores tables that are not glossaries, and a heading above a glossary table is not a term', () => {
    const { terms } = parse(lines('## Versions', '', '| Version | Date |', '|--|--|', '| 1 | 2024 |', '', '## Terms used', '', '| Term | Definition |', '|--|--|', '| X | Y |'));
    expect(terms.map((t) => [t.term, t.source])).toEqual([['X', 'table']]);
  });
});

describe('hostile input', () => {
  it('handles CRLF and a BOM with the same lines', () => {
    const text = '\uFEFF# Glossary\r\n\r\nCache\r\n: A fast copy.\r\n\r\n## Queue\r\nA line of messages.\r\n';
    const { terms } = parse(text);
    expect(terms.map((t) => [t.term, t.line, t.definition, t.source])).toEqual([
      ['Cache', 3, 'A fast copy.', 'deflist'],
      ['Queue', 6, 'A line of messages.', 'heading'],
    ]);
  });

  it('keeps document lines after front matter and reports broken front matter', () => {
    const ok = parse(lines('---', 'title: G', '---', 'Term', ': Def'));
    expect(ok.terms.map((t) => t.line)).toEqual([4]);
    const bad = parse(lines('---', 'title: [oops', '---', 'Term', ': Def'));
    expect(bad.problems.map((p) => [p.code, p.line])).toEqual([['bad-front-matter', 2]]);
    expect(bad.terms.map((t) => [t.term, t.line])).toEqual([['Term', 4]]);
  });

  it('does not throw on empty, binary-looking or unterminated input', () => {
    for (const text of ['', ':', ': lonely definition', '```\nTerm\n: x', '\u0000\u0001 binary', '#', '|a|\n|-|']) {
      expect(() => parse(text)).not.toThrow();
    }
    expect(parse(': lonely definition').terms).toEqual([]);
  });

  it('ends a definition at a line that cannot continue it (abbreviation, quote, table row)', () => {
    for (const stop of ['*[A]: b', '> quoted', '|x|']) {
      const { terms } = parse(lines('Term', ': Def.', stop, 'Next', ': Two.'));
      expect(terms.map((t) => [t.term, t.definition])).toEqual([
        ['Term', 'Def.'],
        ['Next', 'Two.'],
      ]);
    }
    // An HTML block runs to the next blank line, so the entry after it is HTML, not a term.
    expect(parse(lines('Term', ': Def.', '<div>', 'Next', ': Two.')).terms.map((t) => t.term)).toEqual(['Term']);
  });

  it('does not read abbreviation lines (parseAbbreviations does)', () => {
    const { terms } = parse(lines('# G', '## Stream', 'A flow of events.', '*[CDC]: Change Data Capture'));
    expect(terms.map((t) => [t.term, t.definition])).toEqual([['Stream', 'A flow of events.']]);
  });

  it('parses 10,000 definition-list entries', () => {
    const parts: string[] = ['# Glossary', ''];
    for (let i = 0; i < 10_000; i++) parts.push(`Term ${i}`, `: Definition number ${i}.`, '  Aliases: t${i}'.replace('${i}', String(i)), '');
    const { terms } = parse(parts.join('\n'));
    expect(terms).toHaveLength(10_000);
    expect(terms[9_999]).toMatchObject({ term: 'Term 9999', line: 3 + 9_999 * 4, aliases: ['t9999'], definition: 'Definition number 9999.' });
  });

  it('parses 10,000 heading entries', () => {
    const parts: string[] = ['# Glossary'];
    for (let i = 0; i < 10_000; i++) parts.push(`## Word ${i}`, `Meaning ${i}.`);
    const { terms } = parse(parts.join('\n'));
    expect(terms).toHaveLength(10_000);
    expect(terms[1234]).toMatchObject({ term: 'Word 1234', line: 2 + 1234 * 2, definition: 'Meaning 1234.' });
  });
});
