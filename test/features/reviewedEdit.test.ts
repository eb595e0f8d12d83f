import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFrontMatter } from '../../server/src/core/frontMatter';
import { markReviewedEdit } from '../../server/src/features/reviewedEdit';

const HEAD = '3f2a9c1d5e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c';

function apply(text: string, today: string, head?: string): string {
  const doc = TextDocument.create('file:///ws/doc.md', 'markdown', 1, text);
  return TextDocument.applyEdits(doc, markReviewedEdit(text, today, head));
}

describe('markReviewedEdit', () => {
  it('adds front matter to a document without any, keeping the rest byte-identical', () => {
    const text = '# 7. Use Kafka Connect\n\nDate: 2024-01-02\n';
    const edits = markReviewedEdit(text, '2025-10-12', HEAD);
    expect(edits).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: `---\nreviewed: 2025-10-12\nreviewed-commit: ${HEAD}\n---\n`,
      },
    ]);
    const out = apply(text, '2025-10-12', HEAD);
    expect(out.endsWith(text)).toBe(true);
    const fm = parseFrontMatter(out);
    expect(fm.error).toBeUndefined();
    expect(fm.data['reviewed-commit']).toBe(HEAD);
    expect(fm.body).toBe(text);
  });

  it('replaces existing keys in place and adds the missing one before the closing fence', () => {
    const text = ['---', 'status: accepted', 'reviewed: 2024-03-01 # after the migration', 'tags: [cdc]', '---', '# Title', ''].join('\n');
    const edits = markReviewedEdit(text, '2025-10-12', HEAD);
    expect(edits).toEqual([
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 42 } }, newText: 'reviewed: 2025-10-12' },
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: `reviewed-commit: ${HEAD}\n` },
    ]);
    expect(apply(text, '2025-10-12', HEAD)).toBe(
      ['---', 'status: accepted', 'reviewed: 2025-10-12', 'tags: [cdc]', `reviewed-commit: ${HEAD}`, '---', '# Title', ''].join('\n'),
    );
  });

  it('keeps the spelling of an existing reviewed-commit key and replaces a value continued on indented lines', () => {
    const text = ['---', 'reviewedCommit:', '  abc1234', 'reviewed: 2024-01-01', '---', 'body'].join('\n');
    expect(apply(text, '2025-10-12', 'def5678')).toBe(
      ['---', 'reviewedCommit: def5678', 'reviewed: 2025-10-12', '---', 'body'].join('\n'),
    );
  });

  it('writes CRLF line endings into a CRLF document, with and without front matter', () => {
    const withFm = '---\r\nstatus: accepted\r\n---\r\n# Title\r\n';
    expect(apply(withFm, '2025-10-12', HEAD)).toBe(
      `---\r\nstatus: accepted\r\nreviewed: 2025-10-12\r\nreviewed-commit: ${HEAD}\r\n---\r\n# Title\r\n`,
    );
    const withoutFm = '# Title\r\n\r\nText\r\n';
    expect(apply(withoutFm, '2025-10-12', HEAD)).toBe(`---\r\nreviewed: 2025-10-12\r\nreviewed-commit: ${HEAD}\r\n---\r\n${withoutFm}`);
  });

  it('replaces a key on a CRLF line without touching its line ending', () => {
    const text = '---\r\nreviewed: 2020-01-01\r\nreviewed-commit: 0abc\r\n---\r\nx';
    expect(apply(text, '2025-10-12', 'ffff000')).toBe('---\r\nreviewed: 2025-10-12\r\nreviewed-commit: ffff000\r\n---\r\nx');
  });

  it('writes only the date when HEAD is unknown, and leaves an existing commit alone', () => {
    expect(apply('---\nreviewed-commit: abc1234\n---\n', '2025-10-12')).toBe('---\nreviewed-commit: abc1234\nreviewed: 2025-10-12\n---\n');
    expect(apply('', '2025-10-12')).toBe('---\nreviewed: 2025-10-12\n---\n');
  });

  it('quotes a hash that YAML would read as a number', () => {
    const out = apply('x\n', '2025-10-12', '1234567');
    expect(out).toBe('---\nreviewed: 2025-10-12\nreviewed-commit: "1234567"\n---\nx\n');
    expect(parseFrontMatter(out).data['reviewed-commit']).toBe('1234567');
  });

  it('inserts after a byte-order mark and treats an unclosed fence as no front matter', () => {
    expect(apply('\uFEFF# T\n', '2025-10-12', 'abc')).toBe('\uFEFF---\nreviewed: 2025-10-12\nreviewed-commit: abc\n---\n# T\n');
    expect(apply('---\n\nA thematic break\n', '2025-10-12', 'abc')).toBe(
      '---\nreviewed: 2025-10-12\nreviewed-commit: abc\n---\n---\n\nA thematic break\n',
    );
  });
});
