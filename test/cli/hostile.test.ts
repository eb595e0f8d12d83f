// A hostile repository through the command line: every bad file becomes a problem with its path and line, the run
// finishes, and nothing is written to the folder.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: process.cwd() },
    out: () => out,
    err: () => err,
  };
}

function listTree(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? listTree(p).map((c) => `${name}/${c}`) : [`${name}:${statSync(p).size}`];
  });
}

describe('a hostile repository', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'archlens-hostile-'));
    const adr = path.join(root, 'docs/adr');
    mkdirSync(adr, { recursive: true });
    const files: Record<string, string | Buffer> = {
      '0001-broken-yaml.md': '---\nstatus: [accepted\ngoverns: src/**\n---\n# Broken front matter\n',
      '0002-binary.md': Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe, 0x00, 0x01]),
      '-rf.md': '# 3. A file name that looks like an option\n\n## Status\n\nAccepted\n',
      '0004-cycle-a.md': '# 4. Cycle A\n\n## Status\n\nSuperseded by [5. Cycle B](0005-cycle-b.md)\n\nSupersedes [5. Cycle B](0005-cycle-b.md)\n',
      '0005-cycle-b.md': '# 5. Cycle B\n\n## Status\n\nSuperseded by [4. Cycle A](0004-cycle-a.md)\n\nSupersedes [4. Cycle A](0004-cycle-a.md)\n',
      '0006-dup.md': '# 6. First six\n\n## Status\n\nAccepted\n',
      '0006-dup-again.md': '# 6. Second six\n\n## Status\n\nAccepted\n',
      '0007-huge.md': `# 7. Huge\n\n${'lorem ipsum '.repeat(600_000)}\n`,
      '0008-crlf-bom.md': '\ufeff# 8. Windows\r\n\r\n* Status: 🟡 PROPOSED\r\n',
      '0009-unknown.md': '# 9. Odd status\n\n## Status\n\nMaybe later\n',
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(adr, name), content);
    writeFileSync(path.join(root, 'glossary.yml'), 'terms:\n  - definition: no name\n  - name: [\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('indexes what it can and reports the rest with path and line', async () => {
    const before = listTree(root);
    const c = capture();
    const code = await runCli(['index', root, '--json'], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const index = JSON.parse(c.out());
    const problems = index.problems.map((p: { code: string; path: string; line: number }) => `${p.code} ${p.path}:${p.line}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'bad-front-matter docs/adr/0001-broken-yaml.md:3', // where the YAML parser gave up
        'binary-file docs/adr/0002-binary.md:1',
        'supersede-cycle docs/adr/0004-cycle-a.md:1',
        'supersede-cycle docs/adr/0005-cycle-b.md:1',
        'duplicate-number docs/adr/0006-dup.md:1',
        'duplicate-number docs/adr/0006-dup-again.md:1',
        'file-too-large docs/adr/0007-huge.md:1',
        'unknown-status docs/adr/0009-unknown.md:5',
      ]),
    );
    expect(problems.some((p: string) => p.startsWith('bad-glossary glossary.yml:'))).toBe(true);
    const byPath = Object.fromEntries(index.decisions.map((d: { path: string }) => [d.path, d]));
    expect(byPath['docs/adr/-rf.md']).toMatchObject({ title: 'A file name that looks like an option', status: 'accepted' });
    expect(byPath['docs/adr/0008-crlf-bom.md']).toMatchObject({ title: 'Windows', status: 'proposed' });
    expect(byPath['docs/adr/0009-unknown.md']).toMatchObject({ status: 'Maybe later' });
    // Reading never writes.
    expect(listTree(root)).toEqual(before);
  });

  it('checks it without git: no crash, a note that staleness is off, findings with path:line', async () => {
    const c = capture();
    const code = await runCli(['check', root, '--fail-on', 'error'], c.io);
    expect(code).toBe(1); // the broken front matter and the cycle are errors
    expect(c.out()).toMatch(/^docs\/adr\/0001-broken-yaml\.md:3:\d+: error \[bad-front-matter\]/m);
    expect(c.out()).toMatch(/note: stale-documentation checks are off: /);
  });
});

describe('help', () => {
  it('answers -h and --help for each command instead of taking them for a folder', async () => {
    for (const argv of [['check', '-h'], ['check', '--help'], ['index', '-h']]) {
      const c = capture();
      expect(await runCli(argv, c.io), argv.join(' ')).toBe(0);
      expect(c.out()).toMatch(new RegExp(`^Usage: archlens ${argv[0]} `));
    }
  });
});
