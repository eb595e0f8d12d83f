// The one markdown document model: front matter, outline with document lines, admonitions, definition lists,
// tables in block quotes, and the code regions that the reference scanners and prose checks skip.
import { describe, expect, it } from 'vitest';
import { parseMarkdownDocument } from '../../server/src/core/markdown';
import { inCodeBlock, proseSegments } from '../../server/src/core/markdownCode';
import { findDecisionReferences, findMarkdownLinks } from '../../server/src/core/references';

const lines = (...l: string[]) => l.join('\n');

describe('parseMarkdownDocument', () => {
  it('parses front matter once and reports outline lines of the whole document', () => {
    const doc = parseMarkdownDocument(lines('---', 'status: accepted', '---', '# Title', '', '## Status', '', 'Accepted'));
    expect(doc.frontMatter.data).toEqual({ status: 'accepted' });
    expect(doc.bodyLine).toBe(4);
    expect(doc.outline.headings.map((h) => [h.text, h.line])).toEqual([['Title', 4], ['Status', 6]]);
    expect(doc.outline.blocks.map((b) => [b.text, b.line])).toEqual([['Accepted', 8]]);
  });

  it('reads mkdocs admonitions: `!!! note "Title"` and `??? info` with four-space bodies parsed as markdown', () => {
    const doc = parseMarkdownDocument(
      lines(
        '# ADR',
        '',
        '!!! info "Metadata"',
        '    **Status**: Accepted',
        '',
        '    | Date | 2023-01-02 |',
        '    |---|---|',
        '',
        '??? note',
        '    - Deciders: Jane',
        'After the admonition.',
      ),
    );
    expect(doc.outline.admonitions).toEqual([
      { kind: 'info', title: 'Metadata', line: 3, endLine: 7 },
      { kind: 'note', title: '', line: 9, endLine: 10 },
    ]);
    const byText = (t: string) => doc.outline.blocks.find((b) => b.text.includes(t));
    expect(byText('**Status**')).toMatchObject({ type: 'paragraph', line: 4, admonition: 0 });
    expect(byText('Deciders')).toMatchObject({ type: 'list_item', line: 10, admonition: 1 });
    expect(byText('After the admonition')).toMatchObject({ line: 11, admonition: -1 });
    expect(doc.outline.tables).toMatchObject([{ line: 6, header: ['Date', '2023-01-02'], admonition: 0 }]);
  });

  it('does not take a line that merely starts with !!! as an admonition', () => {
    const doc = parseMarkdownDocument(lines('!!! this is exciting, but "quoted" words follow', 'and more'));
    expect(doc.outline.admonitions).toEqual([]);
    expect(doc.outline.blocks).toHaveLength(1);
  });

  it('marks tables inside block quotes as quoted', () => {
    const doc = parseMarkdownDocument(lines('> | Date | `05/06/2023` |', '> | ---- | --- |', '> | Status | RFC |'));
    expect(doc.outline.tables).toMatchObject([{ line: 1, quoted: true, header: ['Date', '`05/06/2023`'], rows: [{ cells: ['Status', 'RFC'], line: 3 }] }]);
  });

  it('reads definition lists with the line of each term and definition', () => {
    const doc = parseMarkdownDocument(lines('Event', ': A fact that happened.', '', 'Command', ': A request.'));
    expect(doc.outline.definitions).toEqual([
      { terms: [{ text: 'Event', line: 1 }], definitions: [{ text: 'A fact that happened.', line: 2, endLine: 2 }], endLine: 2 },
      { terms: [{ text: 'Command', line: 4 }], definitions: [{ text: 'A request.', line: 5, endLine: 5 }], endLine: 5 },
    ]);
  });

  // Where Python-Markdown's def_list (what mkdocs renders with) and markdown-it-deflist disagree, the model follows
  // Python-Markdown: markdown-it-deflist takes only the line above `: ` as the term and leaves the others a paragraph.
  it('definition lists in the Python-Markdown dialect: every line above `: ` is a term, four columns continue after a blank', () => {
    const doc = parseMarkdownDocument(
      lines('CDC', 'Change Data Capture', ': Reading the log', '  of a database.', ': Also its events.', '', '    Indented: the same definition.', '', '  Two columns: a paragraph of its own.'),
    );
    expect(doc.outline.definitions).toEqual([
      {
        terms: [
          { text: 'CDC', line: 1 },
          { text: 'Change Data Capture', line: 2 },
        ],
        definitions: [
          { text: 'Reading the log\nof a database.', line: 3, endLine: 4 },
          { text: 'Also its events.', line: 5, endLine: 5 },
          { text: 'Indented: the same definition.', line: 7, endLine: 7 },
        ],
        endLine: 7,
      },
    ]);
    expect(doc.outline.blocks.filter((b) => b.type === 'paragraph').map((b) => [b.text, b.line])).toEqual([['Two columns: a paragraph of its own.', 9]]);
    // The synonyms are no paragraph, and the indented paragraph is no code block.
    expect(doc.codeBlockLines).toEqual([]);
  });

  it('definition lists: the loose form, a further definition after a blank line, and a `: ` with nothing above', () => {
    const loose = parseMarkdownDocument(lines('Saga', 'Process manager', '', ': A long-running process.', '', ': Also a story.'));
    expect(loose.outline.definitions.map((e) => [e.terms.map((t) => t.text), e.definitions.map((d) => d.line)])).toEqual([[['Saga', 'Process manager'], [4, 6]]]);
    expect(loose.outline.blocks.map((b) => b.type)).toEqual(['definition', 'definition']);
    const alone = parseMarkdownDocument(lines('# Title', '', ': not a definition'));
    expect(alone.outline.definitions).toEqual([]);
    expect(alone.outline.blocks.map((b) => [b.type, b.text])).toEqual([['paragraph', ': not a definition']]);
  });

  it('definition lists: a compact list (no blank lines) is one entry per `: ` line, prose above keeps its paragraph', () => {
    // Python-Markdown would nest "Orange" in Apple's definition with "that grows." as a term; its author meant two entries.
    const doc = parseMarkdownDocument(
      lines('Some prose that introduces the list below and is far too long to be a term of any glossary, so it stays a paragraph of its own.', 'Apple', ': A fruit', 'that grows.', 'Orange', ': Another.'),
    );
    expect(doc.outline.definitions.map((e) => [e.terms.map((t) => [t.text, t.line]), e.definitions.map((d) => d.text)])).toEqual([
      [[['Apple', 2]], ['A fruit\nthat grows.']],
      [[['Orange', 5]], ['Another.']],
    ]);
    expect(doc.outline.blocks[0]).toMatchObject({ type: 'paragraph', line: 1, endLine: 1 });
  });

  it('finds code blocks and code spans (also spans across lines and inside tables), nothing in prose', () => {
    const text = lines('Text `a](x.md)` and ``b ` c`` here', '', '```', 'ADR-1 [l](y.md)', '```', '', 'span `over', 'lines` end', '', '    indented code');
    const doc = parseMarkdownDocument(text);
    const code = [];
    for (let k = 0; k < doc.code.length; k += 2) code.push(text.slice(doc.code[k], doc.code[k + 1]));
    expect(code).toEqual(['`a](x.md)`', '``b ` c``', '```\nADR-1 [l](y.md)\n```\n', '`over\nlines`', '    indented code']);
    expect([3, 4, 5, 10].map((l) => inCodeBlock(doc, l))).toEqual([true, true, true, true]);
    expect([1, 6, 7].map((l) => inCodeBlock(doc, l))).toEqual([false, false, false]);
  });

  it('code regions are offsets of the text as given, BOM and CRLF included', () => {
    const text = '\uFEFF# T\r\n\r\n`[a](b.md)` [c](d.md)\r\n';
    const doc = parseMarkdownDocument(text);
    expect(text.slice(doc.code[0], doc.code[1])).toBe('`[a](b.md)`');
    expect(findMarkdownLinks('x.md', text).map((l) => l.path)).toEqual(['d.md']);
  });

  it('prose is the text outside code, link destinations and URLs', () => {
    const text = lines('Words `code` [label](target.md) https://example.com/x end', '```', 'fenced', '```');
    const doc = parseMarkdownDocument(text);
    const segs = proseSegments(doc);
    const prose = [];
    for (let k = 0; k < segs.length; k += 2) prose.push(text.slice(segs[k], segs[k + 1]));
    expect(prose.join('|')).toBe('Words | [label| | end\n');
  });

  it('links inside code are not references; a link after a multi-line code span is', () => {
    const text = lines('`see', '[x](0001-a.md)` and [y](0002-b.md)');
    expect(findDecisionReferences('docs/adr/n.md', text).map((r) => r.text)).toEqual(['0002-b.md']);
  });

  it('an unclosed fence runs to the end of the document', () => {
    const doc = parseMarkdownDocument(lines('# T', '~~~~', 'code', '~~~'));
    expect(inCodeBlock(doc, 4)).toBe(true);
  });
});
