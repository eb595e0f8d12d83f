// Front matter is read once, by gray-matter with the `yaml` package as its engine; the parsed YAML document travels
// with the result so other readers of the same block (guardrails) use it instead of parsing it again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../server/src/core/frontMatter';
import { parseGuardrails } from '../../server/src/core/guardrails/parse';
import { parseMarkdownDocument } from '../../server/src/core/markdown';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const EXAMPLE = path.resolve(__dirname, '../../examples/data-platform');

describe('front matter', () => {
  it('test/fixtures/hostile/docs/adr/0002-unterminated-front-matter.md: keys after a `---` that nothing closes are reported at line 1, and the text stays the body', () => {
    const text = readFileSync(path.join(__dirname, '../fixtures/hostile/docs/adr/0002-unterminated-front-matter.md'), 'utf8');
    const fm = parseFrontMatter(text);
    expect(fm.error).toEqual({ line: 1, message: 'the `---` on line 1 opens front matter that no `---` line closes, so none of it is read' });
    expect(fm.data).toEqual({});
    expect(fm.body).toBe(text);
    expect(fm.bodyLine).toBe(1);
    // CRLF, a blank line before the first key, a key without a value.
    for (const other of ['---\r\nstatus: accepted\r\n# T\r\n', '---\n\nstatus: accepted\n', '---\ntags:\n  - a\n']) {
      expect(parseFrontMatter(other).error?.line, JSON.stringify(other)).toBe(1);
    }
  });

  it('madr/docs/decisions/0003-provide-own-madr-tools.md:1-5: values, key lines and the body line', () => {
    const text = readFileSync(path.join(CORPORA, 'madr/docs/decisions/0003-provide-own-madr-tools.md'), 'utf8');
    const fm = parseFrontMatter(text);
    expect(fm.data).toEqual({ parent: 'Decisions', nav_order: 3, status: 'on hold' });
    expect([...fm.keyLines]).toEqual([['parent', 2], ['nav_order', 3], ['status', 4]]);
    expect(fm.bodyLine).toBe(6);
    expect(fm.body.startsWith('# Write Own MADR Tooling')).toBe(true);
    expect(fm.yaml?.document.get('status')).toBe('on hold');
  });

  it('keeps CRLF documents on the same lines and reports a broken block at its line', () => {
    const crlf = parseFrontMatter('---\r\ntitle: A\r\nstatus: accepted\r\n---\r\n# T\r\n');
    expect(crlf.data).toEqual({ title: 'A', status: 'accepted' });
    expect(crlf.keyLines.get('status')).toBe(3);
    expect(crlf.bodyLine).toBe(5);
    const broken = parseFrontMatter('---\ntitle: A\nbad: [\n---\nbody');
    expect(broken.data).toEqual({});
    expect(broken.error?.line).toBe(3);
    expect(broken.body).toBe('body');
  });

  it('is no front matter without a closing fence, and refuses a block of endless blank lines quickly', () => {
    expect(parseFrontMatter('---\ntitle: x\n').data).toEqual({});
    expect(parseFrontMatter('---\ntitle: x\n').bodyLine).toBe(1);
    // A `---` first line and prose is a thematic break: nothing to report.
    for (const text of ['---\n\nSome prose: with a colon.\n', '---\n# Title\n', '---\n', '--- \n- item\n']) {
      expect(parseFrontMatter(text), JSON.stringify(text)).toEqual({ data: {}, body: text, bodyLine: 1, keyLines: new Map() });
    }
    // gray-matter's comment stripping backtracks over blank runs; this block would take minutes without the guard.
    const hostile = parseFrontMatter(`---\na: 1\n${'\n'.repeat(200_000)}---\nbody`);
    expect(hostile.error?.message).toMatch(/blank lines/);
    expect(hostile.body).toBe('body');
  });

  it('examples/data-platform ADR-0004: guardrails are read from the document model’s one YAML parse', () => {
    const file = 'docs/adr/0004-medallion-layers-in-the-lakehouse.md';
    const text = readFileSync(path.join(EXAMPLE, file), 'utf8');
    const model = parseMarkdownDocument(text);
    const own = parseGuardrails(file, text);
    const shared = parseGuardrails(file, text, model.frontMatter);
    expect(own.guardrails.length).toBeGreaterThan(0);
    expect(shared).toEqual(own);
    // The shared parse is what is read: an edit to that YAML document shows in the result, the text is not re-read.
    model.frontMatter.yaml!.document.set('guardrails', []);
    expect(parseGuardrails(file, text, model.frontMatter).guardrails).toEqual([]);
  });
});
