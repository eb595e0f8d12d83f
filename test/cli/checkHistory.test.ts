// `archlens check` where git history is missing or partial (no repository, a shallow clone, no commits): no crash,
// no stale findings, a note saying why; machine formats keep stdout clean. Also --explain for a document reviewed by
// date, and a folder whose name starts with dashes.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import { gitRepo, type FixtureCommit, type GitRepoFixture } from '../helpers/gitRepo';

const ROOT = path.resolve(__dirname, '../..');
const SARIF_SCHEMA = path.join(ROOT, 'node_modules/@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json');
const DECISION = 'docs/adr/0001-cache-in-redis.md';
const decision = (front = '') => `---
governs:
  - src/cache/**
${front}---
# 1. Cache in Redis

## Status

Accepted
`;

/** A decision, then two changes to the code it governs: stale wherever the history is complete. */
const STALE_HISTORY: FixtureCommit[] = [
  { date: '2025-01-10T09:00:00Z', message: 'Cache in Redis', files: { [DECISION]: decision(), 'src/cache/client.py': 'TTL = 60\n' } },
  { date: '2025-02-10T09:00:00Z', message: 'Longer TTL', files: { 'src/cache/client.py': 'TTL = 600\n' } },
  { date: '2025-03-10T09:00:00Z', message: 'Cite a missing decision', files: { 'src/cache/client.py': '# ADR-0009\nTTL = 600\n' } },
];

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function check(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd };
  const code = await runCli(['check', ...args], io);
  return { code, stdout, stderr };
}

const codes = (stdout: string) => (JSON.parse(stdout).findings as Finding[]).map((f) => f.code);

describe('check without usable history', () => {
  it('reports stale documentation where the history is complete (the control for the cases below)', async () => {
    repo = await gitRepo({ commits: STALE_HISTORY });
    const r = await check(repo.dir, '--format', 'json');
    expect(codes(r.stdout)).toContain('stale-documentation');
    expect(JSON.parse(r.stdout).notes).toEqual([]);
  });

  it('in a folder that is not a git repository: the other rules run, staleness is off, and the note says why', async () => {
    repo = await gitRepo({ init: false });
    for (const [file, text] of Object.entries(STALE_HISTORY[0].files!)) await repo.write(file, text ?? '');
    await repo.write('src/cache/client.py', '# ADR-0009\n');
    const r = await check(repo.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('src/cache/client.py:1:3: warning [unknown-decision] Unknown decision ADR-0009');
    expect(r.stdout).not.toContain('[stale-documentation]');
    expect(r.stdout).toMatch(/^note: stale-documentation checks are off: .*not in a git repository/m);
    // --base needs history: a setup error, not an empty review.
    const base = await check(repo.dir, '--base', 'main');
    expect(base.code).toBe(2);
    expect(base.stderr).toMatch(/^archlens check: --base needs git history: /);
  });

  it('in a shallow clone: no stale findings, and the note says to fetch the full history', async () => {
    repo = await gitRepo({ commits: STALE_HISTORY, shallow: true });
    const r = await check(repo.dir);
    expect(r.stdout).not.toContain('[stale-documentation]');
    expect(r.stdout).toContain('[unknown-decision] Unknown decision ADR-0009');
    const note = r.stdout.split('\n').find((l) => l.startsWith('note: '));
    expect(note).toMatch(/shallow/);
    expect(note).toContain('git fetch --unshallow');
    expect(JSON.parse((await check(repo.dir, '--format', 'json')).stdout).notes).toEqual([note!.slice('note: '.length)]);
  });

  it('in a shallow clone with --format sarif: the note goes to stderr and stdout stays valid SARIF', async () => {
    repo = await gitRepo({ commits: STALE_HISTORY, shallow: true });
    const r = await check(repo.dir, '--format', 'sarif');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^archlens: stale-documentation checks are off: .*git fetch --unshallow.*\n$/);
    const sarif = JSON.parse(r.stdout);
    const ajv = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false });
    expect(ajv.validate(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')), sarif), JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['unknown-decision']);
    // The same for the other machine formats.
    for (const format of ['github', 'gitlab']) {
      const other = await check(repo.dir, '--format', format);
      expect(other.stdout).not.toContain('unshallow');
      expect(other.stderr).toContain('git fetch --unshallow');
    }
  });

  it('in a repository without commits: no crash, no stale findings, a note', async () => {
    repo = await gitRepo({ commits: [] });
    for (const [file, text] of Object.entries(STALE_HISTORY[0].files!)) await repo.write(file, text ?? '');
    const r = await check(repo.dir, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([expect.stringMatching(/^stale-documentation checks are off: /)]);
  });
});

describe('check --explain for a document reviewed by date', () => {
  it('diffs from the last commit before the review, so only later changes are summarised', async () => {
    // The document itself last changed on 2025-01-10, and was reviewed after the rewrite of 2025-01-20.
    repo = await gitRepo({
      commits: [
        { date: '2025-01-10T09:00:00Z', message: 'Cache in Redis', files: { [DECISION]: decision('reviewed: 2025-02-01\n'), 'src/cache/client.py': 'a\nb\nc\n' } },
        { date: '2025-01-20T09:00:00Z', message: 'Rewrite the client', files: { 'src/cache/client.py': 'A\nB\nC\n' } },
        { date: '2025-03-01T09:00:00Z', message: 'One more line', files: { 'src/cache/client.py': 'A\nB\nC\nD\n' } },
      ],
    });
    const r = await check(repo.dir, '--explain', '--fail-on', 'never');
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`${DECISION}:`) && l.includes('[stale-documentation]'));
    expect(lines[at]).toContain('last reviewed 2025-02-01; 1 commit since touched src/cache/**');
    // What changed, grouped by governed file: only the commit after the review.
    expect(lines.slice(at + 1, at + 3)).toEqual(['    src/cache/client.py: 1 commit', `      ${repo.hashes[2].slice(0, 7)} 2025-03-01 Dev: One more line`]);
    expect(lines[at + 3]).toBe(`    changes since ${repo.hashes[1].slice(0, 7)} (reviewed 2025-02-01):`);
    // One added line since the review; the rewrite before it is not in the summary.
    expect(lines[at + 4]).toMatch(/^\s+src\/cache\/client\.py \| 1 \+$/);
  });
});

describe('folders whose names start with dashes', () => {
  it('are folders after --, options before it', async () => {
    repo = await gitRepo({ init: false });
    await repo.write('--docs/docs/adr/0001-cache-in-redis.md', decision());
    await repo.write('--docs/src/cache/client.py', '# ADR-0007\n');
    const parent = repo.dir;
    const r = await check(parent, '--format', 'json', '--', '--docs');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: Finding) => `${f.path}:${f.code}`)).toEqual(['src/cache/client.py:unknown-decision']);
    const asOption = await check(parent, '--docs');
    expect(asOption.code).toBe(2);
    expect(asOption.stderr).toContain('unknown option --docs');
  });
});
