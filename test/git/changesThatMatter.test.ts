// Only changes that matter make documentation stale, end to end on real repositories: bots, formatting, lock and
// generated files and reverts that cancel out do not; a merge does. The CLI and the editor's diagnostics agree.
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { folderDiagnostics } from '../../server/src/session/folderDiagnostics';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { gitRepo, type FixtureCommit, type GitRepoFixture } from '../helpers/gitRepo';

const DOC = 'docs/adr/0001-ingest-with-python.md';
const decision = (governs: string[]) => `---
governs:
${governs.map((g) => `  - ${g}`).join('\n')}
---
# 1. Ingest with Python

Date: 2025-01-10

## Status

Accepted

## Decision

The ingest service is written in Python.
`;

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const base = (extra: Record<string, string> = {}): FixtureCommit => ({
  date: '2025-01-10T09:00:00Z',
  message: 'Decide on Python',
  files: { [DOC]: decision(['src/ingest/']), 'src/ingest/reader.py': 'def read():\n    return 1\n', 'src/ingest/package-lock.json': '{}\n', ...extra },
});

async function check(dir: string, ...args: string[]): Promise<Finding[]> {
  let stdout = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: dir };
  const code = await runCli(['check', '--format', 'json', ...args], io);
  expect(code, stdout).not.toBe(2);
  return JSON.parse(stdout).findings;
}

/** The editor's view: the diagnostics the language server would publish for the folder, as CLI-shaped lines. */
async function editorFindings(dir: string): Promise<string[]> {
  const folder = nodeFolderSession(pathToFileURL(dir).href, path.basename(dir), { trusted: true });
  await folder.start({});
  const out: string[] = [];
  for (const file of await folderDiagnostics(folder)) {
    for (const d of file.diagnostics) if (String(d.code).startsWith('stale') || d.code === 'missing-code-path') out.push(`${file.path}:${d.range.start.line + 1}:${d.code}:${d.message}`);
  }
  return out.sort();
}

const staleOf = (findings: Finding[]) =>
  findings.filter((f) => f.code === 'stale-documentation' || f.code === 'missing-code-path').map((f) => `${f.path}:${f.line}:${f.code}:${f.message}`).sort();

describe('changes that matter', () => {
  it('bot commits, formatting-only commits, lock files and a revert pair leave the decision fresh', async () => {
    repo = await gitRepo({
      commits: [
        base(),
        { date: '2025-02-01T09:00:00Z', author: 'dependabot[bot]', message: 'Bump requests', files: { 'src/ingest/reader.py': 'def read():\n    return 2\n' } },
        { date: '2025-02-02T09:00:00Z', message: 'Format', files: { 'src/ingest/reader.py': 'def read():\n\n        return 2   \n' } },
        { date: '2025-02-03T09:00:00Z', message: 'Lock', files: { 'src/ingest/package-lock.json': '{"v": 2}\n' } },
        { date: '2025-02-04T09:00:00Z', message: 'Try a cache', files: { 'src/ingest/cache.py': 'CACHE = {}\n' } },
        { date: '2025-02-05T09:00:00Z', message: 'Revert "Try a cache"', files: { 'src/ingest/cache.py': null } },
      ],
    });
    expect(staleOf(await check(repo.dir))).toEqual([]);
    expect(await editorFindings(repo.dir)).toEqual([]);
    // The same change by a person does make it stale: the checks above could fail.
    await repo.commit({ date: '2025-02-06T09:00:00Z', author: 'Ada', message: 'Read twice', files: { 'src/ingest/reader.py': 'def read():\n    return 3\n' } });
    const findings = staleOf(await check(repo.dir));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(new RegExp(`^${DOC}:2:stale-documentation:.*1 commit since touched src/ingest/ .*'Read twice'`));
    expect(await editorFindings(repo.dir)).toEqual(findings);
  });

  it('bot patterns are configurable in .archlens.yml, and a default can be taken out', async () => {
    repo = await gitRepo({
      commits: [
        base({ '.archlens.yml': 'staleness:\n  botAuthors: ["release-robot", "!dependabot*", "!*[bot]"]\n' }),
        { date: '2025-02-01T09:00:00Z', author: 'release-robot', message: 'Release', files: { 'src/ingest/reader.py': 'def read():\n    return 2\n' } },
      ],
    });
    expect(staleOf(await check(repo.dir))).toEqual([]);
    await repo.commit({ date: '2025-02-02T09:00:00Z', author: 'dependabot[bot]', message: 'Bump', files: { 'src/ingest/reader.py': 'def read():\n    return 3\n' } });
    expect(staleOf(await check(repo.dir))).toHaveLength(1);
  });

  it('a change merged from a branch counts, with the merge commit as the change', async () => {
    repo = await gitRepo({ commits: [base()] });
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Feature work', files: { 'src/ingest/reader.py': 'def read():\n    return 5\n' } });
    await repo.switchTo('main');
    await repo.commit({ date: '2025-02-02T09:00:00Z', message: 'Unrelated', files: { 'README.md': '# x\n' } });
    await repo.git('-c', 'user.name=Dev', 'merge', '-q', '--no-edit', 'feature');
    const findings = staleOf(await check(repo.dir));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain("Merge branch 'feature'");
  });

  it('one finding per document, however many governed files changed, and the same in the editor', async () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`src/ingest/m${i}.py`, `V = ${i}\n`]));
    repo = await gitRepo({ commits: [base(many)] });
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Touch all', files: Object.fromEntries(Object.keys(many).map((k) => [k, 'V = 0\n'])) });
    const all = await check(repo.dir);
    expect(staleOf(all)).toHaveLength(1);
    expect(all.filter((f) => f.path.startsWith('src/'))).toEqual([]);
    expect(await editorFindings(repo.dir)).toEqual(staleOf(all));
  });

  it('a renamed folder named by the decision is reported with its new name', async () => {
    repo = await gitRepo({
      commits: [base(), { date: '2025-02-01T09:00:00Z', message: 'Rename ingest to intake', rename: [['src/ingest', 'src/intake']] }],
    });
    const findings = (await check(repo.dir)).filter((f) => f.code === 'missing-code-path');
    expect(findings.map((f) => f.message)).toEqual([`${DOC} governs 'src/ingest/', which matches no file; it was renamed to src/intake/`]);
    expect(await editorFindings(repo.dir)).toEqual(staleOf(await check(repo.dir)));
  });
});
