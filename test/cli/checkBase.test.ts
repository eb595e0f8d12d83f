// `archlens check --base <ref>` on small real repositories: a change to governed code without its decision is the
// alarm; the same change with the decision is not; findings are limited to the files the change touched.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { gitRepo, type GitRepoFixture } from '../helpers/gitRepo';

const DECISION = 'docs/adr/0001-write-the-service-in-python.md';
const decisionText = (extra = '') => `---
governs:
  - src/**
---
# 1. Write the service in Python

Date: 2025-01-10

## Status

Accepted

## Decision

The service is written in Python.${extra}
`;

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function check(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; findings: Finding[] }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir };
  const code = await runCli(['check', '--format', 'json', ...args], io);
  return { code, stdout, stderr, findings: code === 2 ? [] : JSON.parse(stdout).findings };
}

async function baseRepo(): Promise<GitRepoFixture> {
  return gitRepo({
    commits: [
      {
        date: '2025-01-10T09:00:00Z',
        message: 'Decide on Python',
        files: {
          [DECISION]: decisionText(),
          'src/x.py': 'def x():\n    return 1\n',
          // Dangling already on main: not this change's business.
          'src/y.py': '# see ADR-0042\ndef y():\n    return 2\n',
          'README.md': '# Service\n',
        },
      },
    ],
  });
}

describe('check --base', () => {
  it('reports a governed file changed without its decision, and exits 1', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Return two', files: { 'src/x.py': 'def x():\n    return 2\n' } });
    const r = await check(repo.dir, '--base', 'main');
    expect(r.code).toBe(1);
    const undocumented = r.findings.filter((f) => f.code === 'undocumented-change');
    expect(undocumented).toHaveLength(1);
    // One finding, on the document that should have changed, naming the changed file.
    expect(undocumented[0]).toMatchObject({ path: DECISION, line: 2, severity: 'warning' });
    expect(undocumented[0].message).toBe(`ADR-0001 (Write the service in Python) in ${DECISION} did not change in this range, but src/x.py changed`);
    // Only the changed file is reviewed: the old dangling reference in src/y.py is not this change's.
    expect(new Set(r.findings.map((f) => f.path))).toEqual(new Set([DECISION]));
    expect(JSON.parse(r.stdout).notes).toEqual([expect.stringMatching(/^reviewed 1 changed file\(s\) since [0-9a-f]{12}$/)]);
    // The alarm is a warning: --fail-on error lets it pass.
    expect((await check(repo.dir, '--base', 'main', '--fail-on', 'error')).code).toBe(0);
  });

  it('reports nothing of that kind when the decision changed in the same range', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Return two', files: { 'src/x.py': 'def x():\n    return 2\n' } });
    await repo.commit({ date: '2025-02-02T09:00:00Z', message: 'Decision 1: say why', files: { [DECISION]: decisionText(' It returns two.') } });
    const r = await check(repo.dir, '--base', 'main');
    expect(r.findings.filter((f) => f.code === 'undocumented-change')).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('reports one finding per document however many of its files changed', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`src/m${i}.py`, `v = ${i}\n`]));
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Many modules', files: { ...files, 'src/x.py': 'def x():\n    return 2\n' } });
    const r = await check(repo.dir, '--base', 'main');
    const undocumented = r.findings.filter((f) => f.code === 'undocumented-change');
    expect(undocumented).toHaveLength(1);
    expect(undocumented[0].message).toMatch(/but 9 files it documents changed \(src\/m0\.py, src\/m1\.py, src\/m2\.py, src\/m3\.py, src\/m4\.py and 4 more\)$/);
  });

  it('reviews from the merge base, so commits on the base branch after the fork do not count', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Readme', files: { 'README.md': '# Service\n\nRuns on Python.\n' } });
    await repo.switchTo('main');
    await repo.commit({ date: '2025-02-03T09:00:00Z', message: 'Return three', files: { 'src/x.py': 'def x():\n    return 3\n' } });
    await repo.switchTo('feature');
    const r = await check(repo.dir, '--base', 'main');
    expect(r.findings.filter((f) => f.code === 'undocumented-change')).toEqual([]);
  });

  it('reports a dangling decision reference added in a changed file, not one in an unchanged file', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    await repo.commit({
      date: '2025-02-01T09:00:00Z',
      message: 'Cite a decision',
      files: { 'src/x.py': 'def x():\n    # ADR-0099 explains this\n    return 1\n', [DECISION]: decisionText(' See the code.') },
    });
    const r = await check(repo.dir, '--base', 'main');
    const unknown = r.findings.filter((f) => f.code === 'unknown-decision');
    expect(unknown.map((f) => `${f.path}:${f.line}:${f.message}`)).toEqual(['src/x.py:2:Unknown decision ADR-0099: no decision has number 99']);
    expect(r.code).toBe(1);
    // Without --base the whole repository is checked, and the older reference in src/y.py is there too.
    const all = await check(repo.dir);
    expect(all.findings.filter((f) => f.code === 'unknown-decision').map((f) => f.path)).toEqual(['src/x.py', 'src/y.py']);
  });

  it('ignores changes the staleness settings ignore, such as tests', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Test x', files: { 'src/tests/test_x.py': 'def test_x():\n    pass\n' } });
    const r = await check(repo.dir, '--base', 'main');
    expect(r.findings.filter((f) => f.code === 'undocumented-change')).toEqual([]);
  });

  it('accepts a remote-tracking ref as CI has it after a full-history checkout', async () => {
    repo = await baseRepo();
    await repo.branch('feature');
    await repo.commit({ date: '2025-02-01T09:00:00Z', message: 'Return two', files: { 'src/x.py': 'def x():\n    return 2\n' } });
    await repo.git('update-ref', 'refs/remotes/origin/main', 'main');
    const r = await check(repo.dir, '--base', 'origin/main');
    expect(r.findings.map((f) => f.code)).toContain('undocumented-change');
  });

  it('refuses a ref that does not exist, or one written like an option, with exit 2', async () => {
    repo = await baseRepo();
    for (const ref of ['origin/nope', '--output=x']) {
      const r = await check(repo.dir, `--base=${ref}`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`'${ref}' is not a commit in this repository`);
    }
  });
});
