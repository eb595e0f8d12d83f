// `archlens check` over a whole folder reads a code file again for its rules only when some rule can find something
// in it: one that cites a decision, or any file while the glossary avoids a word (comments are prose). A file no rule
// can say anything about is read once, by the index. What it reports is what reading every file would report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { isIndexedPath } from '../../server/src/core/analyse';
import { checkFolder, type ReadText } from '../../server/src/core/rules';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { pathToFileURL } from 'node:url';
import { decodeText } from '../../server/src/core/text';

const ADR1 = ['# 1. Use Postgres', '', '## Status', '', 'Superseded by [2. Use CockroachDB](0002-use-cockroachdb.md)', '', '## Decision', '', 'Postgres.', ''].join('\n');
const ADR2 = ['---', 'status: accepted', 'supersedes: [ADR-0001]', '---', '# 2. Use CockroachDB', '', 'We replace ADR-0001.', ''].join('\n');
const glossary = (avoid: boolean) =>
  ['terms:', '  - name: primary node', '    definition: The node that takes writes.', ...(avoid ? ['    avoid: [master node]'] : []), ''].join('\n');

/** Code that cites nothing: with no avoided word in the glossary, no rule has anything to say about it. */
const PLAIN = ['src/plain.ts', 'src/util/strings.py', 'src/util/master.go'];
const FILES: Record<string, string> = {
  'docs/adr/0001-use-postgres.md': ADR1,
  'docs/adr/0002-use-cockroachdb.md': ADR2,
  'docs/notes.md': 'Notes on the master node, and [a gone decision](adr/0009-gone.md).\n',
  'src/db.ts': '// ADR-0001: the pool size\nexport const pool = 10;\n',
  'src/cache.py': '# ADR-0042 says so\nTTL = 60\n',
  'src/plain.ts': 'export const plain = 1; // nothing to see\n',
  'src/util/strings.py': 'def trim(s):\n    return s.strip()\n',
  'src/util/master.go': '// Writes go to the master node.\npackage util\n',
};

let dir: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function folder(avoid: boolean): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archlens-reads-'));
  for (const [file, text] of Object.entries({ ...FILES, 'glossary.yml': glossary(avoid) })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** Runs `archlens check --format json` and counts the reads of each file. */
async function checkCountingReads(root: string): Promise<{ findings: Finding[]; reads: Map<string, number> }> {
  const reads = new Map<string, number>();
  const original = NodeWorkspace.prototype.readFileWithin;
  const spy = vi.spyOn(NodeWorkspace.prototype, 'readFileWithin').mockImplementation(function (this: NodeWorkspace, rel: string, max: number) {
    reads.set(rel, (reads.get(rel) ?? 0) + 1);
    return original.call(this, rel, max);
  });
  let stdout = '';
  const code = await runCli(['check', root, '--format', 'json', '--fail-on', 'never'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, cwd: root });
  spy.mockRestore();
  expect(code).toBe(0);
  return { findings: (JSON.parse(stdout) as { findings: Finding[] }).findings, reads };
}

/** The findings of the rules run over every indexed file, each read again: what the check must still report. */
async function everyFileRead(root: string): Promise<string[]> {
  const session = nodeFolderSession(pathToFileURL(root).href, path.basename(root), { trusted: true, keepDocumentModels: true });
  await session.start({});
  const snapshot = session.snapshot;
  const read: ReadText = async (p) => {
    const bytes = await session.workspace.readFile(p);
    const decoded = bytes ? decodeText(bytes) : undefined;
    return decoded?.kind === 'text' ? decoded.text : undefined;
  };
  const all = snapshot.files.filter((p) => isIndexedPath(p, snapshot.context));
  const found = await checkFolder(snapshot, session.findings(), { kind: 'files', paths: all }, read);
  return found.map((f) => `${f.path}:${f.range.start.line}:${f.range.start.character} ${f.code} ${f.message}`);
}

const lines = (findings: Finding[]) => findings.map((f) => `${f.path}:${f.line}:${f.column - 1} ${f.code} ${f.message}`);

describe('archlens check reads a file again only when a rule can find something in it', () => {
  it('code that cites no decision is read once, by the index, when the glossary avoids no word', async () => {
    const root = folder(false);
    const { findings, reads } = await checkCountingReads(root);
    expect(lines(findings)).toEqual(await everyFileRead(root));
    // The control: the citing files have their findings, so they were read by the rules too.
    expect(findings.filter((f) => f.path === 'src/db.ts').map((f) => f.code)).toEqual(['superseded-decision']);
    expect(findings.filter((f) => f.path === 'src/cache.py').map((f) => f.code)).toEqual(['unknown-decision']);
    expect(reads.get('src/db.ts')).toBe(2);
    expect(reads.get('src/cache.py')).toBe(2);
    // Markdown is always read for its links (a gone link into a decision folder is not kept by the index).
    expect(findings.filter((f) => f.path === 'docs/notes.md').map((f) => f.code)).toEqual(['unknown-decision']);
    for (const file of PLAIN) expect([file, reads.get(file)]).toEqual([file, 1]);
  }, 60_000);

  it('with a word to avoid, every code file is read for its comments', async () => {
    const root = folder(true);
    const { findings, reads } = await checkCountingReads(root);
    expect(lines(findings)).toEqual(await everyFileRead(root));
    expect(findings.filter((f) => f.code === 'avoided-term').map((f) => f.path)).toEqual(['docs/notes.md', 'src/util/master.go']);
    for (const file of PLAIN) expect([file, reads.get(file)]).toEqual([file, 2]);
  }, 60_000);

  // Guardrails (dependencies, imports, forbidden text), glossaries with words to avoid, decision indexes, history.
  const CORPORA = path.resolve(__dirname, '../../../shared/corpora');
  const folders = [path.resolve(__dirname, '../../examples/data-platform'), ...['madr', 'cometbft', 'log4brains'].map((c) => path.join(CORPORA, c))];
  for (const root of folders.filter((f) => fs.existsSync(f))) {
    it(`${path.basename(root)}: the same findings as reading every file`, async () => {
      const { findings } = await checkCountingReads(root);
      expect(findings.length).toBeGreaterThan(0);
      expect(lines(findings)).toEqual(await everyFileRead(root));
    }, 120_000);
  }
});
