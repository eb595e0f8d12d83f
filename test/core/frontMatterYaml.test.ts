// The reader of simple front-matter YAML (frontMatterYaml.ts) against the `yaml` package it stands in for: on every
// front matter of the shared corpora and the example, and on generated front matter made of the pieces it reads and
// of the ones it must leave to `yaml` (nested maps, quotes with escapes, comments, odd indentation, numbers, CRLF).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { parseFrontMatter, type FrontMatter } from '../../server/src/core/frontMatter';
import { parseSimpleYaml } from '../../server/src/core/frontMatterYaml';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
const EXAMPLE = path.resolve(__dirname, '../../examples/data-platform');

function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git' || name === 'node_modules') continue;
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (name.endsWith('.md')) out.push(abs);
    }
  };
  walk(root);
  return out.sort();
}

/** What `yaml` makes of a source, as the front-matter engine reads it; undefined when it reports an error. */
function viaYaml(source: string): { data: unknown; keyLines: Map<string, number> } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isScalar(item.key) && item.key.range) keyLines.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line);
    }
  }
  return { data: doc.toJS({ maxAliasCount: 50 }) ?? {}, keyLines };
}

/** Everything a reader of front matter sees, the parsed YAML document as the data it holds. */
function observable(fm: FrontMatter) {
  return {
    data: fm.data,
    body: fm.body,
    bodyLine: fm.bodyLine,
    keyLines: [...fm.keyLines],
    error: fm.error,
    yaml: fm.yaml && { source: fm.yaml.source, data: safeToJS(fm.yaml.document), errors: fm.yaml.document.errors.length },
  };
}

function safeToJS(doc: { toJS(): unknown }): unknown {
  try {
    return doc.toJS();
  } catch (err) {
    return String(err);
  }
}

function expectSameAsYaml(source: string): boolean {
  const simple = parseSimpleYaml(source);
  if (simple === undefined) return false;
  const reference = viaYaml(source);
  expect(reference, `yaml refuses what the simple reader read: ${JSON.stringify(source)}`).toBeDefined();
  expect(simple.data, JSON.stringify(source)).toStrictEqual(reference!.data);
  expect([...simple.keyLines], JSON.stringify(source)).toEqual([...reference!.keyLines]);
  return true;
}

describe('simple front-matter YAML', () => {
  it('every front matter of the corpora and the example reads as gray-matter with `yaml` reads it, most of them without `yaml`', () => {
    const files = [...markdownFiles(CORPORA), ...markdownFiles(EXAMPLE)];
    let withFrontMatter = 0;
    let simple = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = parseFrontMatter(text);
      expect(observable(fast), file).toEqual(observable(parseFrontMatter(text, false)));
      if (fast.keyLines.size === 0) continue;
      withFrontMatter++;
      if (parseSimpleYaml(fast.yaml!.source)) simple++;
    }
    expect(withFrontMatter).toBeGreaterThan(40);
    // The reader is the common path, not a curiosity: the corpora's front matter is mostly simple YAML.
    expect(simple / withFrontMatter).toBeGreaterThan(0.6);
  });

  it('examples: what it reads and what it leaves to `yaml`', () => {
    const read = (s: string) => parseSimpleYaml(s)?.data;
    expect(read('\nstatus: accepted\ndate: 2021-02-02\ntags: [a, b c]\ngoverns:\n  - src/**\n  - lib/{a,b}/** # both\nnav_order: 3\n')).toStrictEqual({
      status: 'accepted',
      date: '2021-02-02',
      tags: ['a', 'b c'],
      governs: ['src/**', 'lib/{a,b}/**'],
      nav_order: 3,
    });
    expect(read('\nempty:\nlist:\n- x\nquoted: "a # b"\nsingle: \'c: d\'\nflag: true\nnothing: ~\n')).toStrictEqual({
      empty: null,
      list: ['x'],
      quoted: 'a # b',
      single: 'c: d',
      flag: true,
      nothing: null,
    });
    for (const leftToYaml of [
      '\nguardrails:\n  - forbid-import: x\n', // a map in a list
      '\ntitle: a\n  continued\n', // a multi-line plain scalar
      '\nsummary: >\n  folded\n', // a block scalar
      '\nq: "a\\tb"\n', // an escape
      '\nv: 1.5\n', // a float
      '\na: 1\na: 2\n', // a duplicate key
      '\nx: &a 1\ny: *a\n', // an anchor and alias
      '\n\tstatus: accepted\n', // a tab
      '\nsome key: v\n', // a key with a space
      '\n# only a comment\n',
    ]) {
      expect(parseSimpleYaml(leftToYaml), JSON.stringify(leftToYaml)).toBeUndefined();
    }
  });

  // Pieces that look like what authors write and pieces of YAML syntax the reader must not misread.
  const plainWord = fc.constantFrom('accepted', 'Use PostgreSQL', '2021-02-02', 'src/**', 'lib/{a,b}/**', 'ADR-0007', 'Jane Doe', 'x', 'é ü', 'a.b', '12', 'true');
  const trickyWord = fc.constantFrom('a: b', 'a:b', 'x #y', 'x# y', '#x', '-x', '- x', '?x', '"q"', "'q'", "'it''s'", '"a\\"b"', '[a]', '{a: 1}', 'true', 'True', 'no', 'null', '~', '', ' ', '7', '007', '-3', '+4', '0x1F', '0o7', '1.5', '1e3', '.inf', '.nan', '&a', '*a', '!tag', '|', '>', '%', '@x', '`x`', 'é ü', 'a,b', 'a, b', 'x:', 'a]', 'https://x.y/z');
  const word = fc.oneof({ weight: 4, arbitrary: plainWord }, { weight: 1, arbitrary: trickyWord });
  const scalarText = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
  const key = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('status', 'date', 'tags', 'decision-makers', 'nav_order', 'governs', 'title', 'deciders', 'x_1') },
    { weight: 1, arbitrary: fc.constantFrom('True', 'null', 'a b', '"q"', '7', '__proto__', 'x.y', '-k', 'k:') },
  );
  const comment = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' # note', ' #', '  # a: b', '#x') });
  const value = fc.oneof(
    scalarText.map((s) => ` ${s}`),
    fc.array(scalarText, { maxLength: 4 }).map((items) => ` [${items.join(', ')}]`),
    fc.constantFrom('', ' '),
  );
  const item = fc.tuple(fc.constantFrom('', '  ', '    ', ' '), scalarText, comment).map(([indent, s, c]) => `${indent}- ${s}${c}`);
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(key, value, comment).map(([k, v, c]) => `${k}:${v}${c}`) },
    // A key and its block list.
    { weight: 3, arbitrary: fc.tuple(key, comment, fc.array(item, { minLength: 1, maxLength: 3 })).map(([k, c, items]) => [`${k}:${c}`, ...items].join('\n')) },
    { weight: 1, arbitrary: item },
    { weight: 1, arbitrary: fc.constantFrom('', '# comment', '  # indented', '  continued', '  nested: map', '\t- tab', '...', '%YAML 1.2') },
  );
  const source = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([lines, crlf]) => ({ lines: lines.join('\n').split('\n'), crlf }));

  it('property: whatever it reads, `yaml` reads alike (data and key lines), and parseFrontMatter gives what the gray-matter path gives', () => {
    let read = 0;
    fc.assert(
      fc.property(source, ({ lines, crlf }) => {
        const eol = crlf ? '\r\n' : '\n';
        if (expectSameAsYaml(`\n${lines.join('\n')}\n`)) read++;
        const text = `---${eol}${lines.join(eol)}${eol}---${eol}# Title${eol}`;
        expect(observable(parseFrontMatter(text))).toEqual(observable(parseFrontMatter(text, false)));
      }),
      { numRuns: 3000 },
    );
    // The generator reaches the reader's accepting paths, not only its refusals.
    expect(read).toBeGreaterThan(200);
  });
});
