import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDecisionReferences, findMarkdownLinks } from '../../server/src/core/references';

const corpora = path.resolve(__dirname, '../../../shared/corpora');

/** A compact view of what was found: `line:start-end form text -> number|path`. */
function dump(refs: ReturnType<typeof findDecisionReferences>): string[] {
  return refs.map((r) => {
    expect(r.range.start.line).toBe(r.range.end.line);
    const target = r.number !== undefined ? `#${r.number}` : r.path;
    return `${r.range.start.line}:${r.range.start.character}-${r.range.end.character} ${r.form} ${r.text} -> ${target}`;
  });
}

describe('findDecisionReferences: ADR ids', () => {
  it('finds ADR-0007, ADR 7 and adr-007 with exact ranges and the integer value', () => {
    const text = 'See ADR-0007, then ADR 7; also adr-007.';
    expect(dump(findDecisionReferences('src/a.ts', text))).toEqual([
      '1:4-12 adr-id ADR-0007 -> #7',
      '1:19-24 adr-id ADR 7 -> #7',
      '1:31-38 adr-id adr-007 -> #7',
    ]);
  });

  it('goes on after a bare URL that holds an ADR id: what follows it on the line is still read', () => {
    const text = '// see https://example.org/docs/architecture/adr-005-foo.md and ADR-0101 too';
    const found = findDecisionReferences('src/a.go', text).filter((r) => r.form === 'adr-id');
    expect(found.map((r) => `${r.text} #${r.number}${r.external ? ' external' : ''}`)).toEqual(['ADR-0101 #101']);
  });

  it('finds ids in comments of several languages, on the right lines', () => {
    const text = [
      '# Python: ADR-3 explains this',
      '-- SQL (ADR-12)',
      '/* C: ADR-40 */',
      '<!-- HTML: ADR-5 -->',
      '// ADR-0100: keep in sync',
    ].join('\n');
    expect(dump(findDecisionReferences('x.txt', text))).toEqual([
      '1:10-15 adr-id ADR-3 -> #3',
      '2:8-14 adr-id ADR-12 -> #12',
      '3:6-12 adr-id ADR-40 -> #40',
      '4:11-16 adr-id ADR-5 -> #5',
      '5:3-11 adr-id ADR-0100 -> #100',
    ]);
  });

  it('rejects look-alikes', () => {
    const lookAlikes = [
      'ADRs are great',
      'an ADR-based process',
      'padre-7',
      'CADR-7',
      'the ADR- prefix',
      'ADR_12 is a register',
      'ADR7',
      'mov ADR 0x1F',
      'ADR-0x10',
      'MADR 2.0 template',
      'ADR 2.0',
      'ADR 2021-03-04 review',
      'ADR 1/2',
      'ADR-7b',
      'ADR  7 (two spaces)',
      'ADR-1234567890 (too long to be a number)',
      '_ADR-7',
      'éADR-7',
      'ADR-٣',
    ];
    for (const text of lookAlikes) expect(findDecisionReferences('src/a.c', text), text).toEqual([]);
  });

  it('accepts ids next to punctuation and at the ends of the text', () => {
    expect(dump(findDecisionReferences('a.txt', 'ADR-1'))).toEqual(['1:0-5 adr-id ADR-1 -> #1']);
    expect(dump(findDecisionReferences('a.txt', '(ADR-2).'))).toEqual(['1:1-6 adr-id ADR-2 -> #2']);
    expect(dump(findDecisionReferences('a.txt', '"adr-3",ADR-4-use-x'))).toEqual([
      '1:1-6 adr-id adr-3 -> #3',
      '1:8-13 adr-id ADR-4 -> #4',
    ]);
  });

  it('counts lines across CRLF and characters in UTF-16 units after accents and emoji', () => {
    const text = 'é 😀 ADR-7\r\n\r\ncafé ADR-8\r\n';
    expect(dump(findDecisionReferences('a.md', text))).toEqual(['1:5-10 adr-id ADR-7 -> #7', '3:5-10 adr-id ADR-8 -> #8']);
  });

  it('counts lines with lone CR line breaks', () => {
    expect(dump(findDecisionReferences('a.txt', 'x\rADR-1\r\ry ADR-2'))).toEqual([
      '2:0-5 adr-id ADR-1 -> #1',
      '4:2-7 adr-id ADR-2 -> #2',
    ]);
  });
});

describe('findDecisionReferences: @adr tags', () => {
  it('reads numbers, ADR ids and comma lists', () => {
    const text = ['/**', ' * @adr 7', ' * @adr ADR-0009', ' * @adr #12', ' * @adr 3, 4', ' */'].join('\n');
    expect(dump(findDecisionReferences('src/a.ts', text))).toEqual([
      '2:3-9 adr-tag @adr 7 -> #7',
      '3:3-16 adr-tag @adr ADR-0009 -> #9',
      '4:3-11 adr-tag @adr #12 -> #12',
      '5:3-9 adr-tag @adr 3 -> #3',
      '5:11-12 adr-tag 4 -> #4',
    ]);
  });

  it('resolves paths: ./ and ../ against the citing file, folders from the root, bare names as siblings', () => {
    const text = [
      '// @adr ../../docs/adr/0001-a.md',
      '// @adr ./0002-b.md#context',
      '// @adr docs/adr/0003-c.md.',
      '// @adr /docs/adr/0004-d.md',
      '// @adr 0005-e.md',
      '// @adr docs/adr/My%20Decision.md',
    ].join('\n');
    expect(dump(findDecisionReferences('src/db/pool.ts', text))).toEqual([
      '1:3-32 adr-tag @adr ../../docs/adr/0001-a.md -> docs/adr/0001-a.md',
      '2:3-27 adr-tag @adr ./0002-b.md#context -> src/db/0002-b.md',
      '3:3-26 adr-tag @adr docs/adr/0003-c.md -> docs/adr/0003-c.md',
      '4:3-27 adr-tag @adr /docs/adr/0004-d.md -> docs/adr/0004-d.md',
      '5:3-17 adr-tag @adr 0005-e.md -> src/db/0005-e.md',
      '6:3-33 adr-tag @adr docs/adr/My%20Decision.md -> docs/adr/My Decision.md',
    ]);
  });

  it('rejects kernel-doc parameters, e-mail addresses, other files and paths that leave the workspace', () => {
    const text = [
      ' * @adr - the address',
      ' * @adr: the address',
      ' * @adr the address',
      ' * mail someone@adr 7',
      ' * @adrian 7',
      ' * @adr ../../../x.md',
      ' * @adr notes.txt',
      ' * @adr https://example.com/adr/7.md',
      ' * @adr 0x1000',
    ].join('\n');
    expect(findDecisionReferences('src/a.c', text)).toEqual([]);
  });
});

describe('findDecisionReferences: markdown links', () => {
  it('returns relative .md link targets resolved against the citing file, fragment dropped', () => {
    const text = 'Read [the ADR](../docs/adr/0007-x.md) and [s](../docs/adr/0007-x.md#sec "Title").';
    expect(dump(findDecisionReferences('src/README.md', text))).toEqual([
      '1:15-36 link ../docs/adr/0007-x.md -> docs/adr/0007-x.md',
      '1:46-71 link ../docs/adr/0007-x.md#sec -> docs/adr/0007-x.md',
    ]);
  });

  it('reports an ADR id in the link text separately from the link, and nothing inside the destination', () => {
    const text = '- [ADR-005](adr-005-user-facing-config.md)';
    expect(dump(findDecisionReferences('adr-006.md', text))).toEqual([
      '1:3-10 adr-id ADR-005 -> #5',
      '1:12-41 link adr-005-user-facing-config.md -> adr-005-user-facing-config.md',
    ]);
  });

  it('ignores external links, anchors, other file types and links that leave the root', () => {
    const text = [
      '[a](https://example.com/x.md) [b](http://x/y.md) [c](mailto:a@b.md) [d](#sec)',
      '[e](../x.png) [f](//host/x.md) [g](../../../outside.md) [h]()',
    ].join('\n');
    expect(findDecisionReferences('docs/a.md', text)).toEqual([]);
  });

  it('finds links in code comments too, but not in markdown code spans or fences', () => {
    expect(dump(findDecisionReferences('src/a.ts', '// see [why](../docs/adr/0002-b.md)'))).toEqual([
      '1:13-34 link ../docs/adr/0002-b.md -> docs/adr/0002-b.md',
    ]);
    const md = ['`[x](a.md)` [y](b.md)', '```', '[z](c.md)', '```', '[w](d.md)'].join('\n');
    expect(dump(findDecisionReferences('docs/n.md', md))).toEqual([
      '1:16-20 link b.md -> docs/b.md',
      '5:4-8 link d.md -> docs/d.md',
    ]);
  });

  it('finds the links of a real decision (arachne adr-006), including the ones whose target is gone', () => {
    const dir = path.join(corpora, 'arachne');
    const text = readFileSync(path.join(dir, 'adr-006-core-runtime.md'), 'utf8');
    const refs = findDecisionReferences('adr-006-core-runtime.md', text);
    const links = refs.filter((r) => r.form === 'link');
    expect(links.map((r) => `${r.range.start.line} ${r.path}`)).toEqual([
      '17 adr-005-user-facing-config.md',
      '18 adr-002-configuration.md',
      '18 adr-004-module-loading.md',
      '23 adr-004-module-loading.md',
      '35 adr-005-user-facing-config.md',
      '35 adr-004-module-loading.md',
      '56 module-loading.md',
      '57 adr-005-user-facing-config.md',
      '58 module-loading.md',
    ]);
    // The author wrote `[ADR-004](module-loading.md)` twice: the index, not the scanner, finds that target missing.
    expect([...new Set(links.filter((l) => !existsSync(path.join(dir, l.path!))).map((l) => l.path))]).toEqual([
      'module-loading.md',
    ]);
    // Each link's label is reported as an id of its own, before the link.
    const line17 = refs.filter((r) => r.range.start.line === 17);
    expect(line17.map((r) => `${r.form} ${r.text}`)).toEqual([
      'adr-id ADR-005',
      'link adr-005-user-facing-config.md',
    ]);
    // Every ADR id in the whole corpus names a decision that exists there.
    const numbers = new Set(readdirSync(dir).map((f) => /^adr-(\d+)/.exec(f)?.[1]).filter(Boolean).map(Number));
    let ids = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      for (const r of findDecisionReferences(file, readFileSync(path.join(dir, file), 'utf8'))) {
        if (r.form !== 'adr-id') continue;
        ids++;
        expect(numbers.has(r.number!), `${file}: ${r.text}`).toBe(true);
      }
    }
    expect(ids).toBeGreaterThan(20);
  });

  it('never throws on hostile input', () => {
    const hostile = [
      '](](](](](]((((((((((((((((((((((((((((((((((((((((((',
      '\u0000\u0001binary\uFFFD@adr \u0000',
      '\uFEFF@adr',
      'ADR-',
      '[x](<unterminated',
      '[x](a.md "unterminated title',
      '\ud83d',
      '',
    ];
    for (const text of hostile) {
      expect(() => findDecisionReferences('a.md', text)).not.toThrow();
      expect(() => findMarkdownLinks('a.md', text)).not.toThrow();
    }
  });

  it('scans a 20 MB text and still counts its lines exactly', () => {
    const text = `${'x'.repeat(99)}\r\n`.repeat(200_000) + '  ADR-9 [l](adr/0009-x.md)';
    expect(dump(findDecisionReferences('docs/big.md', text))).toEqual([
      '200001:2-7 adr-id ADR-9 -> #9',
      '200001:12-25 link adr/0009-x.md -> docs/adr/0009-x.md',
    ]);
  });

  it('stays linear on adversarial link syntax', () => {
    const text = '](x "'.repeat(200_000) + '[ok](z.md)';
    // Quadratic behaviour would hit the test timeout; speed itself is measured in bench/references.bench.ts.
    const refs = findDecisionReferences('a.md', text);
    expect(refs.map((r) => r.path)).toEqual(['z.md']);
  });
});

describe('findMarkdownLinks', () => {
  it('resolves, decodes and splits fragments, with exact ranges', () => {
    const text = 'x [a](b%20c.md#Sec%201) ![i](./img/p.png) [s](../src/app.ts)\n[dir](../src/)';
    const links = findMarkdownLinks('docs/guide.md', text);
    expect(links).toEqual([
      {
        range: { start: { line: 1, character: 6 }, end: { line: 1, character: 22 } },
        path: 'docs/b c.md',
        fragment: 'Sec 1',
      },
      // An image is marked: it is a picture the page shows, never a path to code.
      { range: { start: { line: 1, character: 29 }, end: { line: 1, character: 40 } }, path: 'docs/img/p.png', image: true },
      { range: { start: { line: 1, character: 46 }, end: { line: 1, character: 59 } }, path: 'src/app.ts' },
      { range: { start: { line: 2, character: 6 }, end: { line: 2, character: 13 } }, path: 'src' },
    ]);
  });

  it('skips absolute URLs, mailto, pure anchors, links outside the root and links in code', () => {
    const text = [
      '[a](https://x.io/y.md) [b](mailto:me@x.io) [c](#top) [d](../../up.md) [e](vscode://file/x)',
      'Use `[f](f.md)` like this; ``code with ` and [g](g.md)``',
      '~~~',
      '[h](h.md)',
      '~~~',
      '    ```',
      '    [i](i.md)',
      '    ```',
      '[j](<with space.md> "T")',
    ].join('\n');
    const links = findMarkdownLinks('docs/a.md', text);
    expect(links.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.path}`)).toEqual([
      '9:5 docs/with space.md',
    ]);
  });

  it('reads reference definitions and keeps CRLF line numbers', () => {
    const text = 'Intro [x][ref].\r\n\r\n[ref]: ./target.md#part "Title"\r\n[^1]: a footnote.md\r\n';
    expect(findMarkdownLinks('docs/a.md', text)).toEqual([
      {
        range: { start: { line: 3, character: 7 }, end: { line: 3, character: 23 } },
        path: 'docs/target.md',
        fragment: 'part',
      },
    ]);
  });

  it('finds the links of a real log4brains decision, ignoring the external one', () => {
    const rel = 'docs/adr/20201028-links.md';
    const root = path.join(corpora, 'log4brains/packages/core/integration-tests/ro-project');
    const links = findMarkdownLinks(rel, readFileSync(path.join(root, rel), 'utf8'));
    expect(links.map((l) => `${l.range.start.line} ${l.path}`)).toEqual([
      '7 docs/adr/20200101-first-adr.md',
      '8 docs/adr/20200101-first-adr.md',
      '9 docs/adr/20200101-first-adr.md',
      '11 docs/adr/20200101-first-adr-BROKEN.md',
      '12 packages/package1/adr/20200101-first-adr.md',
    ]);
    expect(links.filter((l) => !existsSync(path.join(root, l.path))).map((l) => l.path)).toEqual([
      'docs/adr/20200101-first-adr-BROKEN.md',
    ]);
  });
});
