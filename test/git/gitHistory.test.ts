import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openGitHistory, type LiveGitHistory } from '../../server/src/adapters/gitHistory';
import { gitRepo, type FixtureCommit, type GitRepoFixture } from '../helpers/gitRepo';

const repos: GitRepoFixture[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

async function repo(commits: FixtureCommit[], opts: { shallow?: boolean; init?: boolean } = {}): Promise<GitRepoFixture> {
  const r = await gitRepo({ commits, ...opts });
  repos.push(r);
  return r;
}

function commandLog(): { calls: string[][]; logs: () => string[][]; onGitCommand: (a: readonly string[]) => void } {
  const calls: string[][] = [];
  return {
    calls,
    logs: () => calls.filter((a) => a.includes('log')),
    onGitCommand: (a) => calls.push([...a]),
  };
}

/** Everything a query can tell about a history, as text, to compare an incrementally refreshed one with a fresh one. */
function dump(h: LiveGitHistory, paths: string[]): string {
  const lines = [`state ${JSON.stringify(h.state)}`];
  for (const p of paths) {
    const last = h.lastChange(p);
    const all = h.changesSince([p], {});
    lines.push(`${p}: last=${last?.hash ?? '-'} all=${all.commits.map((c) => c.hash.slice(0, 7)).join(',')} to=${h.renamedTo(p) ?? '-'}`);
  }
  return lines.join('\n');
}

const day = (n: number) => `2025-01-${String(n).padStart(2, '0')}T10:00:00Z`;

describe('openGitHistory on a real repository', () => {
  it('reads the whole history with one git log pass and answers lastChange', async () => {
    const r = await repo([
      { date: day(1), author: 'Ada', message: 'add docs and code', files: { 'docs/a.md': '# A', 'src/x.py': 'x = 1' } },
      { date: day(2), author: 'Bob', message: 'change code', files: { 'src/x.py': 'x = 2' } },
      { date: day(3), author: 'Ada', message: 'more code', files: { 'src/y.py': 'y = 1' } },
    ]);
    const cmds = commandLog();
    const h = await openGitHistory(r.dir, { trusted: true, onGitCommand: cmds.onGitCommand });
    expect(h.state).toEqual({ kind: 'ready', head: r.hashes[2], commits: 3 });
    expect(cmds.logs()).toHaveLength(1);
    expect(h.stats.fullReads).toBe(1);
    expect(h.lastChange('docs/a.md')).toEqual({ hash: r.hashes[0], date: '2025-01-01T10:00:00+00:00', author: 'Ada', email: 'dev@example.invalid', subject: 'add docs and code' });
    expect(h.lastChange('src/x.py')?.hash).toBe(r.hashes[1]);
    expect(h.lastChange('src/y.py')?.subject).toBe('more code');
    expect(h.lastChange('src/none.py')).toBeUndefined();
    const since = h.changesSince(['src/x.py', 'src/y.py', 'docs/a.md'], { commit: r.hashes[0] });
    expect(since.commits.map((c) => c.hash)).toEqual([r.hashes[2], r.hashes[1]]);
    expect(since.files.sort()).toEqual(['src/x.py', 'src/y.py']);
    expect(h.commit(r.hashes[1].slice(0, 7))?.hash).toBe(r.hashes[1]);
  });

  it('follows renames: the new name carries the history of the old one', async () => {
    const r = await repo([
      { date: day(1), message: 'add', files: { 'docs/old.md': 'a\nb\nc\nd\n', 'src/a.py': '1' } },
      { date: day(2), message: 'edit old', files: { 'docs/old.md': 'a\nb\nc\nd\ne\n' } },
      { date: day(3), message: 'move', rename: [['docs/old.md', 'docs/new.md']] },
      { date: day(4), message: 'move again', rename: [['docs/new.md', 'docs/newest.md']] },
      { date: day(5), message: 'code', files: { 'src/a.py': '2' } },
    ]);
    const h = await openGitHistory(r.dir, { trusted: true });
    expect(h.renamedTo('docs/old.md')).toBe('docs/newest.md');
    expect(h.renamedTo('docs/new.md')).toBe('docs/newest.md');
    expect(h.renamedTo('docs/newest.md')).toBeUndefined();
    expect(h.lastChange('docs/newest.md')?.subject).toBe('move again');
    const all = h.changesSince(['docs/newest.md'], { date: '2024-12-31' });
    expect(all.commits.map((c) => c.subject)).toEqual(['move again', 'move', 'edit old', 'add']);
    // Commits after the first rename only, via an earlier name's history bounded at the rename.
    const later = h.changesSince(['docs/newest.md'], { commit: r.hashes[1] });
    expect(later.commits.map((c) => c.subject)).toEqual(['move again', 'move']);
  });

  it('refresh after new commits reads only the new ones and equals a fresh open', async () => {
    const r = await repo([
      { date: day(1), message: 'one', files: { 'a.txt': '1', 'b.txt': '1' } },
      { date: day(2), message: 'two', files: { 'a.txt': '2' } },
    ]);
    const cmds = commandLog();
    const h = await openGitHistory(r.dir, { trusted: true, onGitCommand: cmds.onGitCommand });
    await r.commit({ date: day(3), message: 'three', files: { 'b.txt': '3', 'c.txt': '3' } });
    await r.commit({ date: day(4), message: 'four', rename: [['a.txt', 'd.txt']] });
    await h.refresh();
    expect(h.stats).toMatchObject({ fullReads: 1, incrementalReads: 1 });
    const logs = cmds.logs();
    expect(logs).toHaveLength(2);
    expect(logs[1]).toContain(`${r.hashes[1]}..${r.hashes[3]}`);
    const fresh = await openGitHistory(r.dir, { trusted: true });
    const paths = ['a.txt', 'b.txt', 'c.txt', 'd.txt'];
    expect(dump(h, paths)).toBe(dump(fresh, paths));
    expect(h.state).toMatchObject({ kind: 'ready', head: r.hashes[3], commits: 4 });

    // Nothing moved: no log at all.
    await h.refresh();
    expect(cmds.logs()).toHaveLength(2);
  });

  it('refresh after a branch switch drops unreachable commits, adds new ones, and equals a fresh open', async () => {
    const r = await repo([
      { date: day(1), message: 'base', files: { 'src/a.py': '1', 'docs/d.md': 'd' } },
      { date: day(2), message: 'main work', files: { 'src/a.py': '2' } },
    ]);
    await r.branch('feature', r.hashes[0]);
    await r.commit({ date: day(3), message: 'feature work', files: { 'src/f.py': 'f', 'docs/d.md': 'd2' } });
    await r.commit({ date: day(5), message: 'feature more', files: { 'src/a.py': 'feature' } });
    await r.switchTo('main');
    await r.commit({ date: day(4), message: 'main more', files: { 'src/m.py': 'm' } });

    const cmds = commandLog();
    const h = await openGitHistory(r.dir, { trusted: true, onGitCommand: cmds.onGitCommand });
    expect(h.state).toMatchObject({ commits: 3 });
    await r.switchTo('feature');
    await h.refresh();
    expect(h.stats).toMatchObject({ fullReads: 1, incrementalReads: 1 });
    expect(cmds.logs()).toHaveLength(2);
    const paths = ['src/a.py', 'src/f.py', 'src/m.py', 'docs/d.md'];
    expect(dump(h, paths)).toBe(dump(await openGitHistory(r.dir, { trusted: true }), paths));
    expect(h.lastChange('src/m.py')).toBeUndefined();
    expect(h.lastChange('src/a.py')?.subject).toBe('feature more');

    // Merging brings in commits older than HEAD's: the model re-sorts them and still equals a fresh read.
    await r.switchTo('main');
    await h.refresh();
    await r.git('-c', 'user.name=Dev', 'merge', '-q', '--no-edit', '-X', 'theirs', 'feature');
    await h.refresh();
    expect(h.stats).toMatchObject({ fullReads: 1, incrementalReads: 3 });
    expect(dump(h, paths)).toBe(dump(await openGitHistory(r.dir, { trusted: true }), paths));
    // A merge counts with what it brought to the main line (first parent): the feature's files changed in it.
    expect(h.lastChange('src/f.py')?.subject).toBe("Merge branch 'feature'");
  });

  it('a long history is read by two git log passes side by side, one per half of the chain, with the records of one pass', async () => {
    const r = await repo([
      { date: day(1), message: 'base', files: { 'src/a.py': 'a = 1\n', 'src/b.py': 'b = 1\n', 'docs/d.md': 'd' } },
      { date: day(2), message: 'main work', files: { 'src/a.py': 'a = 2\n' } },
      { date: day(3), message: 'spaces only', files: { 'src/a.py': 'a  =  2\n' } },
      { date: day(4), message: 'move b', rename: [['src/b.py', 'src/c.py']] },
      // Two commits at the same second: the model orders them by parentage, not by how they were read.
      { date: day(5), message: 'same time one', files: { 'docs/d.md': 'd2' } },
      { date: day(5), message: 'same time two', files: { 'src/c.py': 'c = 2\n' } },
    ]);
    await r.branch('feature', r.hashes[2]);
    await r.commit({ date: day(6), message: 'feature work', files: { 'src/f.py': 'f' } });
    await r.switchTo('main');
    await r.commit({ date: day(7), message: 'main more', files: { 'src/m.py': 'm' } });
    await r.git('-c', 'user.name=Dev', 'merge', '-q', '--no-edit', 'feature');
    await r.commit({ date: day(8), message: 'last', files: { 'src/a.py': 'a = 3\n' }, rename: [['src/m.py', 'src/n.py']] });

    const cmds = commandLog();
    const halves = await openGitHistory(r.dir, { trusted: true, onGitCommand: cmds.onGitCommand, halvesFrom: 2 });
    const logs = cmds.logs();
    expect(logs).toHaveLength(2);
    const revisions = logs.map((l) => l[l.indexOf('--end-of-options') + 1]);
    const [range, mid] = revisions;
    expect(range).toMatch(new RegExp(`^${mid}\\.\\.[0-9a-f]{40}$`));

    const onePass = commandLog();
    const whole = await openGitHistory(r.dir, { trusted: true, onGitCommand: onePass.onGitCommand, halvesFrom: Infinity });
    expect(onePass.logs()).toHaveLength(1);
    const paths = ['src/a.py', 'src/b.py', 'src/c.py', 'src/f.py', 'src/m.py', 'src/n.py', 'docs/d.md'];
    expect(dump(halves, paths)).toBe(dump(whole, paths));
    expect(halves.state).toEqual(whole.state);
    const all = (h: LiveGitHistory) => h.changesSince(paths, {}).commits.map((c) => `${c.hash} ${c.subject}`);
    expect(all(halves)).toEqual(all(whole));
    // The whitespace-only change is no change, in either read.
    expect(halves.changesSince(['src/a.py'], {}).commits.map((c) => c.subject)).not.toContain('spaces only');
    // The default reads a short history in one pass.
    const cmdsDefault = commandLog();
    await openGitHistory(r.dir, { trusted: true, onGitCommand: cmdsDefault.onGitCommand });
    expect(cmdsDefault.logs()).toHaveLength(1);
  });

  it('reports uncommitted edits, new files, deletions and staged files as dirty', async () => {
    const r = await repo([{ date: day(1), message: 'one', files: { 'a.txt': '1', 'b.txt': '1', 'c.txt': '1', 'd/e.txt': '1' } }]);
    await r.write('a.txt', 'edited');
    await r.write('new/untracked.txt', 'new');
    await r.remove('b.txt');
    await r.write('c.txt', 'staged');
    await r.git('add', 'c.txt');
    const h = await openGitHistory(r.dir, { trusted: true });
    expect([...h.dirty].sort()).toEqual(['a.txt', 'b.txt', 'c.txt', 'new/untracked.txt']);
    await r.git('add', '-A');
    await r.commit({ date: day(2), message: 'two' });
    await h.refresh();
    expect([...h.dirty]).toEqual([]);
  });

  it('handles file names that start with a dash, hold spaces, quotes, tabs or non-ASCII letters', async () => {
    const names = ['-rf.md', '--help', 'docs/a b.md', 'docs/ü ñ.md', 'docs/we"ird\tname.md', 'docs/\\back.md'];
    const files = Object.fromEntries(names.map((n) => [n, n]));
    const r = await repo([
      { date: day(1), message: 'odd names', files },
      { date: day(2), message: 'rename odd', rename: [['docs/a b.md', '-moved b.md']] },
    ]);
    for (const n of names) await r.write(n, `${n} edited`);
    const h = await openGitHistory(r.dir, { trusted: true });
    expect(h.state.kind).toBe('ready');
    for (const n of names.filter((x) => x !== 'docs/a b.md')) expect(h.lastChange(n)?.subject, n).toBe('odd names');
    expect(h.renamedTo('docs/a b.md')).toBe('-moved b.md');
    expect(h.lastChange('-moved b.md')?.subject).toBe('rename odd');
    expect([...h.dirty].sort()).toEqual([...names].filter((x) => x !== 'docs/a b.md').concat('docs/a b.md').sort());
  });

  it('makes paths relative to a workspace folder inside the repository', async () => {
    const r = await repo([
      { date: day(1), message: 'one', files: { 'pkg/docs/a.md': 'a', 'other/x.py': 'x', 'pkg/src/y.py': 'y' } },
      { date: day(2), message: 'move in', rename: [['other/x.py', 'pkg/src/x.py']] },
    ]);
    await r.write('pkg/src/y.py', 'edited');
    await r.write('other/z.py', 'outside');
    const h = await openGitHistory(path.join(r.dir, 'pkg'), { trusted: true });
    expect(h.lastChange('docs/a.md')?.subject).toBe('one');
    expect(h.lastChange('other/x.py')).toBeUndefined();
    expect(h.lastChange('src/x.py')?.subject).toBe('move in');
    expect([...h.dirty]).toEqual(['src/y.py']);
  });
});

describe('openGitHistory: changes that matter', () => {
  it('does not count commits that change only whitespace or blank lines, and counts real ones', async () => {
    const r = await repo([
      { date: day(1), message: 'add', files: { 'src/a.py': 'def f():\n    return 1\n', 'src/b.py': 'x = 1\n' } },
      { date: day(2), message: 'reformat', files: { 'src/a.py': 'def f():\n\n        return 1   \n', 'src/b.py': 'x = 2\n' } },
    ]);
    const h = await openGitHistory(r.dir, { trusted: true });
    expect(h.lastChange('src/a.py')?.subject).toBe('add');
    expect(h.lastChange('src/b.py')?.subject).toBe('reformat');
    expect(h.changesSince(['src/a.py'], { commit: r.hashes[0] })).toEqual({ commits: [], files: [] });
  });

  it('in a workspace below the repository root, reads only the commits that touched the workspace', async () => {
    const r = await repo([
      { date: day(1), message: 'both', files: { 'pkg/a.py': 'a', 'other/b.py': 'b' } },
      { date: day(2), message: 'other only', files: { 'other/b.py': 'b2' } },
      { date: day(3), message: 'pkg only', files: { 'pkg/a.py': 'a2' } },
    ]);
    const cmds = commandLog();
    const h = await openGitHistory(path.join(r.dir, 'pkg'), { trusted: true, onGitCommand: cmds.onGitCommand });
    expect(h.state).toMatchObject({ kind: 'ready', commits: 2 });
    const log = cmds.logs()[0];
    expect(log.slice(log.indexOf('--'))).toEqual(['--', '.']);
    expect(h.changesSince(['a.py'], {}).commits.map((c) => c.subject)).toEqual(['pkg only', 'both']);
  });

  it('starts with three git processes: one rev-parse (shallow?, prefix, HEAD), then status and log side by side', async () => {
    const r = await repo([{ date: day(1), message: 'one', files: { 'pkg/a.txt': '1' } }]);
    const cmds = commandLog();
    const h = await openGitHistory(path.join(r.dir, 'pkg'), { trusted: true, onGitCommand: cmds.onGitCommand });
    expect(h.state).toMatchObject({ kind: 'ready', head: r.hashes[0] });
    const subcommands = cmds.calls.map((a) => a.find((x) => ['rev-parse', 'status', 'log'].includes(x)));
    expect(subcommands.sort()).toEqual(['log', 'rev-parse', 'status']);
    // The prefix came with HEAD: the log reads the folder's own history.
    const log = cmds.logs()[0];
    expect(log.slice(log.indexOf('--'))).toEqual(['--', '.']);
  });

  it('passes revisions after --end-of-options and paths after --, so neither is read as an option', async () => {
    const r = await repo([{ date: day(1), message: 'one', files: { 'a.txt': '1' } }]);
    const cmds = commandLog();
    await openGitHistory(r.dir, { trusted: true, onGitCommand: cmds.onGitCommand });
    const log = cmds.logs()[0];
    expect(log[log.indexOf('--end-of-options') + 1]).toBe(r.hashes[0]);
    expect(log.indexOf('--end-of-options')).toBeLessThan(log.indexOf('--'));
  });
});

describe('openGitHistory when history is unavailable', () => {
  it('never runs git in an untrusted workspace', async () => {
    const r = await repo([{ date: day(1), message: 'one', files: { 'a.txt': '1' } }]);
    const marker = path.join(r.dir, '..', 'git-was-run');
    const wrapper = path.join(r.dir, '..', 'git-wrapper.sh');
    await fs.writeFile(wrapper, `#!/bin/sh\ntouch '${marker}'\nexec git "$@"\n`, { mode: 0o755 });
    const cmds = commandLog();
    const h = await openGitHistory(r.dir, { trusted: false, binary: wrapper, onGitCommand: cmds.onGitCommand });
    await h.refresh();
    expect(h.state).toMatchObject({ kind: 'off', reason: 'untrusted' });
    expect(h.state.kind === 'off' && h.state.message).toMatch(/trust/);
    expect(cmds.calls).toEqual([]);
    await expect(fs.access(marker)).rejects.toThrow();
    expect(h.lastChange('a.txt')).toBeUndefined();
    // The same wrapper does run when trusted, so the check above can fail.
    const trusted = await openGitHistory(r.dir, { trusted: true, binary: wrapper });
    expect(trusted.state.kind).toBe('ready');
    await expect(fs.access(marker)).resolves.toBeUndefined();
  });

  it('is off with a clear message outside a repository', async () => {
    const r = await repo([], { init: false });
    const h = await openGitHistory(r.dir, { trusted: true });
    expect(h.state).toMatchObject({ kind: 'off', reason: 'not-a-repository' });
    expect(h.changesSince(['a'], {})).toEqual({ commits: [], files: [] });
    const missing = await openGitHistory(path.join(r.dir, 'does-not-exist'), { trusted: true });
    expect(missing.state).toMatchObject({ kind: 'off', reason: 'not-a-repository' });
  });

  it('is off in a repository without commits, and turns on after the first commit', async () => {
    const r = await repo([]);
    const h = await openGitHistory(r.dir, { trusted: true });
    expect(h.state).toMatchObject({ kind: 'off', reason: 'no-commits' });
    await r.commit({ date: day(1), message: 'first', files: { 'a.txt': '1' } });
    await h.refresh();
    expect(h.state).toMatchObject({ kind: 'ready', commits: 1 });
    expect(h.lastChange('a.txt')?.subject).toBe('first');
  });

  it('is off in a shallow clone and says how to fetch the full history', async () => {
    const r = await repo(
      [
        { date: day(1), message: 'one', files: { 'a.txt': '1' } },
        { date: day(2), message: 'two', files: { 'a.txt': '2' } },
      ],
      { shallow: true },
    );
    const h = await openGitHistory(r.dir, { trusted: true });
    expect(h.state).toMatchObject({ kind: 'off', reason: 'shallow' });
    expect(h.state.kind === 'off' && h.state.message).toContain('git fetch --unshallow');
    expect(h.lastChange('a.txt')).toBeUndefined();
  });

  it('is off when git cannot be found', async () => {
    const r = await repo([{ date: day(1), message: 'one', files: { 'a.txt': '1' } }]);
    const h = await openGitHistory(r.dir, { trusted: true, binary: '/nonexistent/bin/git' });
    expect(h.state).toMatchObject({ kind: 'off', reason: 'no-git' });
    expect(h.state.kind === 'off' && h.state.message).toMatch(/Git was not found/);
  });
});
