// What real repositories throw at the parser: broken YAML, no title, CRLF, BOM, emoji, unknown words, huge files.
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';

const codes = (r: ReturnType<typeof parseDecision>) => r.problems.map((p) => `${p.code}@${p.line}`);

describe('hostile input', () => {
  it('broken YAML front matter is a problem on the line of the error, and the body is still read', () => {
    const text = ['---', 'status: accepted', 'tags: [a, b', 'date: 2020-01-02', '---', '# 4. Use X', '', '## Status', '', 'Proposed'].join('\n');
    const r = parseDecision('docs/adr/0004-use-x.md', text);
    const bad = r.problems.find((p) => p.code === 'bad-front-matter');
    expect(bad).toBeDefined();
    expect(bad?.severity).toBe('error');
    expect(bad?.path).toBe('docs/adr/0004-use-x.md');
    expect(bad!.line).toBeGreaterThanOrEqual(3);
    expect(bad!.line).toBeLessThanOrEqual(5);
    expect(r.decision).toMatchObject({ title: 'Use X', number: 4, line: 6, status: 'proposed', statusLine: 10 });
  });

  it('a YAML error is reported on the line that holds it, and no missing status on top', () => {
    const r = parseDecision('a/0001-x.md', ['---', 'date: 2020-01-02', 'status: accepted: yes', 'tags: [a]', '---', '# X'].join('\n'));
    expect(codes(r)).toEqual(['bad-front-matter@3']);
    expect(r.problems[0].message).toMatch(/^front matter does not parse: /);
  });

  it('a tab-indented YAML key is reported on its own line', () => {
    const r = parseDecision('a/0001-x.md', ['---', 'status: accepted', 'date: 2020-01-02', 'deciders:', '\t- Ann', '---', '# X'].join('\n'));
    expect(codes(r)).toContain('bad-front-matter@5');
  });

  it('no title: the file name gives one, with missing-title on line 1', () => {
    const r = parseDecision('docs/adr/20200102-adr-without-title.md', '- Deciders: John Doe\n- Date: 2020-01-02\n\n## Context\n\nx\n');
    expect(r.decision).toMatchObject({ title: 'Adr without title', line: 1, status: 'accepted', date: '2020-01-02' });
    expect(codes(r)).toEqual(['missing-title@1']);
    expect(parseDecision('docs/adr/0007-use-postgres.md', '').decision.title).toBe('Use postgres');
  });

  it('an empty file parses', () => {
    const r = parseDecision('docs/adr/0001-x.md', '');
    expect(r.decision).toMatchObject({ title: 'X', number: 1, line: 1, format: 'unknown', summary: '', searchText: 'X' });
    expect(codes(r)).toEqual(['missing-title@1', 'missing-status@1']);
  });

  it('CRLF and a BOM give the same decision as LF', () => {
    const lf = ['---', 'status: accepted', 'date: 2020-01-02', 'tags: [a]', '---', '# 3. Use Y', '', '## Decision', '', 'We use Y.', '', 'Supersedes ADR-0001'].join('\n');
    const plain = parseDecision('a/0003-use-y.md', lf);
    const crlf = parseDecision('a/0003-use-y.md', `\ufeff${lf.replace(/\n/g, '\r\n')}`);
    expect(crlf).toEqual(plain);
    expect(plain.decision).toMatchObject({ title: 'Use Y', line: 6, status: 'accepted', statusLine: 2, summary: 'We use Y.\n\nSupersedes ADR-0001' });
    expect(plain.decision.relations).toEqual([{ kind: 'supersedes', text: 'ADR-0001', number: 1, line: 12 }]);
  });

  it('a BOM before a Nygard record', () => {
    const r = parseDecision('a/0001-x.md', '\ufeff# 1. X\r\n\r\nDate: 2020-01-02\r\n\r\n## Status\r\n\r\nAccepted\r\n');
    expect(r.decision).toMatchObject({ title: 'X', number: 1, date: '2020-01-02', status: 'accepted', statusLine: 7, format: 'nygard' });
  });

  it('emoji statuses', () => {
    expect(parseDecision('a/0001-x.md', '# X\n\n## Status\n\n✅ Accepted\n').decision).toMatchObject({ status: 'accepted', statusText: 'Accepted' });
    expect(parseDecision('a/0001-x.md', '---\nstatus: "🟡 Proposed"\n---\n# X').decision).toMatchObject({ status: 'proposed', statusText: 'Proposed' });
  });

  it('an unknown status is kept as text and reported on its line', () => {
    const r = parseDecision('a/0001-x.md', '# X\n\n## Status\n\nOn hold until Q3\n');
    expect(r.decision.status).toBeUndefined();
    expect(r.decision.statusText).toBe('On hold until Q3');
    expect(r.decision.statusLine).toBe(5);
    expect(codes(r)).toEqual(['unknown-status@5']);
    expect(r.problems[0].message).toContain('On hold until Q3');
  });

  it('a decision with no status outside log4brains style is reported', () => {
    const r = parseDecision('docs/adr/0001-x.md', '# 1. X\n\nDate: 2020-01-02\n\n## Context\n\nx\n');
    expect(r.decision.status).toBeUndefined();
    expect(codes(r)).toEqual(['missing-status@1']);
  });

  it('front matter that is a list, not a mapping', () => {
    const r = parseDecision('a/0001-x.md', '---\n- a\n- b\n---\n# X\n\n## Status\n\nAccepted\n');
    expect(codes(r)).toEqual(['bad-front-matter@2']);
    expect(r.decision).toMatchObject({ title: 'X', status: 'accepted' });
  });

  it('text that looks binary or is garbage does not throw', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('');
    expect(() => parseDecision('a/0001-x.md', junk)).not.toThrow();
    expect(() => parseDecision('a/0001-x.md', `---\n${junk}\n---\n${junk}`)).not.toThrow();
    expect(() => parseDecision('a/0001-x.md', '---\n&a [*a, *a]\n---\n')).not.toThrow();
  });

  it('a 20 MB record is read and its search text stays bounded', () => {
    const para = '## Part\n\nSome text with a [link](x.md) and **bold** words.\n- item one\n- Supersedes [a](0002-a.md)\n\n';
    const big = `# 7. Big\n\n## Status\n\nAccepted\n\n${para.repeat(Math.ceil(20_000_000 / para.length))}`;
    const r = parseDecision('docs/adr/0007-big.md', big);
    expect(r.decision).toMatchObject({ title: 'Big', status: 'accepted', statusLine: 5 });
    expect(r.decision.searchText.length).toBeLessThanOrEqual(4000);
    expect(r.decision.relations.length).toBeGreaterThan(0);
  });

  it.each([
    ['a 20 MB line', 'x'.repeat(20_000_000)],
    ['20 MB of newlines', '\n'.repeat(20_000_000)],
    ['a line of spaces after a field name', `Status${' '.repeat(200_000)}x`],
    ['unclosed comments in a status', `# X\n\n## Status\n\nAccepted ${'<!--'.repeat(100_000)}`],
    ['brackets', `Supersedes ${'['.repeat(500_000)}`],
    ['emphasis', `Status: ${'*'.repeat(200_000)}a`],
  ])('%s is read without failing (a quadratic step would hit the test timeout)', (_name, text) => {
    const r = parseDecision('a/0001-x.md', text);
    expect(r.decision.path).toBe('a/0001-x.md');
  });
});
