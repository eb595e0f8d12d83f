import { describe, expect, it } from 'vitest';
import { parseAbbreviations } from '../../../server/src/core/glossary/parse';

describe('mkdocs abbreviations', () => {
  it('reads `*[ABBR]: expansion` lines anywhere in a markdown file, with exact fields', () => {
    const text = ['# Design', '', 'We use CDC.', '', '*[CDC]: Change Data Capture', '*[HTML] : Hyper Text *Markup* Language', ''].join('\n');
    expect(parseAbbreviations('docs/design.md', text, 'docs')).toEqual({
      terms: [
        { term: 'CDC', aliases: [], definition: 'Change Data Capture', avoid: [], path: 'docs/design.md', line: 5, scope: 'docs', source: 'abbreviation' },
        { term: 'HTML', aliases: [], definition: 'Hyper Text Markup Language', avoid: [], path: 'docs/design.md', line: 6, scope: 'docs', source: 'abbreviation' },
      ],
      problems: [],
    });
  });

  it('skips fenced code, empty expansions and look-alikes', () => {
    const text = ['```md', '*[IN]: fence', '```', '*[EMPTY]:', '*[NOCOLON] text', ' *[INDENTED]: x', '*[OK]: yes'].join('\n');
    expect(parseAbbreviations('a.md', text, '').terms.map((t) => [t.term, t.line])).toEqual([['OK', 7]]);
  });

  it('handles CRLF and a BOM', () => {
    const text = '\uFEFF*[API]: Application Programming Interface\r\n*[SLA]: Service Level Agreement\r\n';
    expect(parseAbbreviations('a.md', text, '').terms.map((t) => [t.term, t.line, t.definition])).toEqual([
      ['API', 1, 'Application Programming Interface'],
      ['SLA', 2, 'Service Level Agreement'],
    ]);
  });

  it('returns nothing for files without abbreviations, including a large one', () => {
    expect(parseAbbreviations('a.md', '', '')).toEqual({ terms: [], problems: [] });
    expect(parseAbbreviations('a.md', 'plain text\n'.repeat(2_000_000), '').terms).toEqual([]);
  });
});
