// The committed hostile fixtures (test/fixtures/hostile/, plus the 20 MB, 100-duplicate and long-cycle files
// generated in a temporary copy) through every command and output format of the command line: each finishes
// with a result, not a crash; every bad file is reported with its stable code at path:line; machine formats stay
// well-formed; no output carries a link with a scheme a document could use to run something; and the workspace
// is left byte for byte as it was (`export` writes only below --out).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import { ensureServerBuilt } from '../protocol/client';
import { EXPECTED_PROBLEMS, FORBIDDEN_SCHEMES, listFiles, makeHostileWorkspace, treeFingerprint, type HostileWorkspace } from '../helpers/hostileWorkspace';

const REPO_ROOT = path.resolve(__dirname, '../..');

async function cli(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
}

/** Every href and src in HTML (attribute values) and in markdown (rendered with CommonMark). */
function linkTargets(text: string, kind: 'html' | 'markdown'): string[] {
  const html = kind === 'markdown' ? new MarkdownIt({ html: true, linkify: true }).render(text) : text;
  return [...html.matchAll(/\b(?:href|src|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => decodeEntities(m[1] ?? m[2]));
}

function decodeEntities(s: string): string {
  return s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').replace(/&colon;/gi, ':');
}

function expectNoForbiddenLinks(text: string, kind: 'html' | 'markdown', what: string): void {
  const bad = linkTargets(text, kind).filter((t) => FORBIDDEN_SCHEMES.test(t));
  expect(bad, `${what} links to`).toEqual([]);
  expect(text, `${what} carries a script`).not.toMatch(/<script\b/i);
}

describe('the hostile fixtures through the command line', () => {
  let ws: HostileWorkspace;
  let before: string[];
  beforeAll(() => {
    ensureServerBuilt();
    ws = makeHostileWorkspace();
    before = treeFingerprint(ws.root);
  });
  afterAll(() => ws.dispose());

  it('commits at least 30 adversarial files', () => {
    expect(ws.committed.length).toBeGreaterThanOrEqual(30);
  });

  it('index --json reports every bad file with its code at path:line and indexes the odd ones', { timeout: 120_000 }, async () => {
    const r = await cli(['index', ws.root, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const index = JSON.parse(r.stdout);
    const problems = new Set(index.problems.map((p: { code: string; path: string; line: number }) => `${p.code} ${p.path}:${p.line}`));
    const missing = EXPECTED_PROBLEMS.map((p) => `${p.code} ${p.path}:${p.line}`).filter((p) => !problems.has(p));
    expect(missing).toEqual([]);
    const byPath = new Map(index.decisions.map((d: { path: string; title: string; status: string }) => [d.path, d]));
    // Names an option parser or a glob would take for something else are decisions like any other.
    for (const p of ['docs/adr/-rf.md', 'docs/adr/--help.md', 'docs/adr/0017-naïve café 🚀 spaces.md', 'docs/adr/0018-[a-z]+(x)$^{2}.md']) expect(byPath.has(p), p).toBe(true);
    // UTF-16 in both byte orders, lone CR and CRLF with a BOM are read like UTF-8.
    for (const [p, title] of [
      ['docs/adr/0006-utf16le.md', 'UTF-16 little endian'],
      ['docs/adr/0007-utf16be.md', 'UTF-16 big endian'],
      ['docs/adr/0008-lone-cr.md', 'Lone carriage returns'],
      ['docs/adr/0009-crlf-bom.md', 'CRLF with a byte order mark'],
    ]) expect(byPath.get(p), p).toMatchObject({ title, status: 'accepted' });
    // Front matter that nothing closes is reported (above) and not read, but the record keeps its heading's title.
    expect(byPath.get('docs/adr/0002-unterminated-front-matter.md')).toMatchObject({ title: 'Unterminated front matter' });
  });

  it('index as text and the spawned program on a folder named like an option', { timeout: 120_000 }, async () => {
    const r = await cli(['index', ws.root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs/adr/-rf.md');
    // The real program, given the workspace as `-odd` relative to its parent: `--` ends the options.
    const odd = path.join(path.dirname(ws.root), '-odd');
    fs.symlinkSync(ws.root, odd);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/archlens.js'), 'index', '--json', '--', '-odd'], { cwd: path.dirname(ws.root), maxBuffer: 64 * 1024 * 1024 });
      const inProcess = JSON.parse((await cli(['index', ws.root, '--json'])).stdout);
      expect(JSON.parse(stdout).decisions.length).toBe(inProcess.decisions.length);
    } finally {
      fs.unlinkSync(odd);
    }
  });

  it.each(['text', 'json', 'sarif', 'github', 'gitlab'])('check --format %s: findings at path:line, well-formed, exit 1', { timeout: 120_000 }, async (format) => {
    const r = await cli(['check', ws.root, '--format', format]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const out = r.stdout;
    if (format === 'text') {
      expect(out).toMatch(/^docs\/adr\/0001-broken-yaml\.md:3:\d+: error \[bad-front-matter\]/m);
      expect(out).toMatch(/^docs\/adr\/0100-duplicate-99\.md:1:\d+: \w+ \[duplicate-number\]/m);
      expect(out).toMatch(/^docs\/adr\/259-long-cycle-59\.md:1:\d+: \w+ \[supersede-cycle\]/m);
    }
    if (format === 'github') expect(out).toMatch(/^::error file=docs\/adr\/0001-broken-yaml\.md,line=3/m);
    if (format === 'json' || format === 'sarif' || format === 'gitlab') {
      const text = JSON.stringify(JSON.parse(out));
      for (const p of ['docs/adr/0001-broken-yaml.md', 'docs/adr/0090-huge.md', 'docs/adr/0003-alias-bomb.md']) expect(text).toContain(p);
    }
  });

  it('why, tour (markdown and HTML), graph (every format) and suggest: answers without links a document chose', { timeout: 180_000 }, async () => {
    const runs: [string[], 'html' | 'markdown' | 'json' | 'svg' | 'plain'][] = [
      [['why', 'why kafka (a+)+$ \u202e command:x', ws.root], 'markdown'],
      [['tour', ws.root], 'markdown'],
      [['tour', ws.root, '--format', 'html'], 'html'],
      [['graph', ws.root], 'plain'],
      [['graph', ws.root, '--format', 'mermaid'], 'plain'],
      [['graph', ws.root, '--format', 'dot'], 'plain'],
      [['graph', ws.root, '--format', 'svg'], 'svg'],
      [['graph', ws.root, '--format', 'json'], 'json'],
      [['suggest', ws.root], 'plain'],
      [['suggest', ws.root, '--json'], 'json'],
    ];
    for (const [args, kind] of runs) {
      const r = await cli(args);
      const what = args.filter((a) => a !== ws.root).join(' ');
      expect(r.code, what).toBe(0);
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
      expect(r.stdout.length, what).toBeGreaterThan(0);
      if (kind === 'json') JSON.parse(r.stdout);
      if (kind === 'svg') {
        expect(XMLValidator.validate(r.stdout), what).toBe(true);
        expectNoForbiddenLinks(r.stdout, 'html', what);
      }
      if (kind === 'html' || kind === 'markdown') expectNoForbiddenLinks(r.stdout, kind, what);
    }
  });

  it('export mkdocs writes only below --out, pages without links a document chose', { timeout: 120_000 }, async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-hostile-out-'));
    const outsideBefore = fs.readdirSync(path.dirname(ws.root)).sort();
    try {
      const r = await cli(['export', 'mkdocs', ws.root, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const pages = listFiles(out);
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages.filter((p) => p.endsWith('.md'))) expectNoForbiddenLinks(fs.readFileSync(path.join(out, page), 'utf8'), 'markdown', page);
      expect(fs.readdirSync(path.dirname(ws.root)).sort()).toEqual(outsideBefore);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('left the workspace exactly as it was', () => {
    expect(treeFingerprint(ws.root)).toEqual(before);
  });
});
