// The history model and the log parser without git: records written by hand in git's `-z --numstat` output format.
import { describe, expect, it } from 'vitest';
import { LogParser, parseLog, parseStatus, type LogRecord } from '../../server/src/core/gitLog';
import { HistoryModel } from '../../server/src/core/gitModel';

function header(hash: string, parents: string[], date: string, author: string, subject: string, email = 'a@example.invalid'): string {
  return `\x1e${hash}\x1f${parents.join(' ')}\x1f${date}\x1f${author}\x1f${email}\x1f${subject}\0`;
}

const H = (n: number) => n.toString(16).padStart(40, 'a');

const SAMPLE =
  header(H(3), [H(2)], '2025-01-03T10:00:00+00:00', 'Ada', 'rename\x1fwith a unit separator') +
  '\n3\t1\t\0docs/old name.md\0docs/-new.md\0' +
  '1\t1\tsrc/ü.py\0' +
  '0\t0\tsrc/spaces only.py\0' +
  '-\t-\tlogo.png\0' +
  header(H(2), [H(1)], '2025-01-02T10:00:00+00:00', 'Bob', 'merge-like, no files', '') +
  header(H(1), [], '2025-01-01T10:00:00+01:00', 'Ada Lovelace', 'first') +
  '\n1\t0\tdocs/old name.md\0' +
  '2\t0\tsrc/ü.py\0' +
  '1\t0\toutside/x\0';

describe('LogParser', () => {
  it('parses headers, numbers and renames from -z --numstat output', () => {
    const records = parseLog(SAMPLE);
    expect(records.map((r) => r.commit.subject)).toEqual(['rename\x1fwith a unit separator', 'merge-like, no files', 'first']);
    expect(records[0].changes).toEqual([
      { status: 'R', path: 'docs/-new.md', from: 'docs/old name.md' },
      { status: 'M', path: 'src/ü.py' },
      { status: 'M', path: 'src/spaces only.py', formatting: true },
      { status: 'M', path: 'logo.png' },
    ]);
    expect(records[1].changes).toEqual([]);
    expect(records[1].commit.email).toBeUndefined();
    expect(records[2].parents).toEqual([]);
    expect(records[2].commit).toEqual({
      hash: H(1),
      date: '2025-01-01T10:00:00+01:00',
      author: 'Ada Lovelace',
      email: 'a@example.invalid',
      subject: 'first',
    });
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const whole = parseLog(SAMPLE);
    for (const size of [1, 2, 3, 7, 50]) {
      const out: LogRecord[] = [];
      const p = new LogParser((r) => out.push(r));
      for (let i = 0; i < SAMPLE.length; i += size) p.push(SAMPLE.slice(i, i + size));
      p.end();
      expect(out, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('makes paths relative to a workspace prefix; renames across the boundary become adds and deletes', () => {
    const text =
      header(H(2), [H(1)], '2025-01-02T10:00:00Z', 'A', 'move') +
      '\n0\t0\t\0outside/a.py\0pkg/a.py\0' +
      '0\t0\t\0pkg/b.py\0elsewhere/b.py\0' +
      '0\t0\t\0pkg/c.py\0pkg/d.py\0' +
      header(H(1), [], '2025-01-01T10:00:00Z', 'A', 'add') +
      '\n1\t0\toutside/a.py\0' +
      '1\t0\tpkg/b.py\0' +
      '1\t0\tpkg/c.py\0';
    const [move, add] = parseLog(text, 'pkg/');
    expect(move.changes).toEqual([
      { status: 'A', path: 'a.py' },
      { status: 'D', path: 'b.py' },
      { status: 'R', path: 'd.py', from: 'c.py' },
    ]);
    expect(add.changes).toEqual([{ status: 'M', path: 'b.py' }, { status: 'M', path: 'c.py' }]);
  });

  it('reads porcelain status paths, relative to the prefix', () => {
    const text = ' M pkg/a b.py\0?? pkg/new.py\0D  other/x.py\0 M pkg/-dash\0';
    expect([...parseStatus(text, 'pkg/')].sort()).toEqual(['-dash', 'a b.py', 'new.py']);
    expect(parseStatus('').size).toBe(0);
  });
});

function rec(n: number, day: number, parents: number[], changes: LogRecord['changes'], subject = `c${n}`): LogRecord {
  return {
    commit: { hash: H(n), date: `2025-02-${String(day).padStart(2, '0')}T12:00:00Z`, author: 'A', subject },
    parents: parents.map(H),
    changes,
  };
}

/** A small history with a branch, a merge, equal timestamps and a rename. */
function history(): LogRecord[] {
  return [
    rec(1, 1, [], [{ status: 'A', path: 'a.py' }, { status: 'A', path: 'doc.md' }]),
    rec(2, 2, [1], [{ status: 'M', path: 'a.py' }]),
    rec(3, 2, [2], [{ status: 'R', path: 'b.py', from: 'a.py' }]),
    rec(4, 3, [1], [{ status: 'A', path: 'side.py' }]),
    rec(5, 4, [3, 4], []),
    rec(6, 5, [5], [{ status: 'M', path: 'b.py' }, { status: 'M', path: 'doc.md' }]),
    rec(7, 6, [6], [{ status: 'M', path: 'b.py' }]),
  ];
}

function dump(m: HistoryModel): string {
  const paths = ['a.py', 'b.py', 'doc.md', 'side.py', 'none'];
  return [
    m.hashes().map((h) => h.slice(-1)).join(' '),
    ...paths.map((p) => `${p} ${m.lastChange(p)?.subject ?? '-'} ${m.changesSince([p], {}).commits.map((c) => c.subject).join(',')} ${m.renamedTo(p) ?? '-'}`),
  ].join('\n');
}

describe('HistoryModel', () => {
  it('orders commits by time then ancestry, whatever order the records come in', () => {
    const m = HistoryModel.fromLog(history());
    expect(m.hashes().map((h) => parseInt(h.slice(-1), 16))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const reversed = HistoryModel.fromLog([...history()].reverse());
    expect(dump(reversed)).toBe(dump(m));
  });

  it('answers lastChange, renamedTo and changesSince with renames followed', () => {
    const m = HistoryModel.fromLog(history());
    expect(m.lastChange('b.py')?.subject).toBe('c7');
    expect(m.lastChange('a.py')?.subject).toBe('c3');
    expect(m.renamedTo('a.py')).toBe('b.py');
    expect(m.changesSince(['b.py'], {}).commits.map((c) => c.subject)).toEqual(['c7', 'c6', 'c3', 'c2', 'c1']);
    expect(m.changesSince(['b.py', 'side.py'], { commit: H(2) }).commits.map((c) => c.subject)).toEqual(['c7', 'c6', 'c4', 'c3']);
    expect(m.changesSince(['b.py'], { date: '2025-02-02' }).commits.map((c) => c.subject)).toEqual(['c7', 'c6']);
    expect(m.changesSince(['b.py'], { date: '2025-02-02T00:00:00Z', until: '2025-02-05T23:00:00Z' }).commits.map((c) => c.subject)).toEqual(['c6', 'c3', 'c2']);
    const r = m.changesSince(['doc.md', 'side.py', 'b.py'], { commit: H(6) });
    expect(r).toEqual({ commits: [expect.objectContaining({ subject: 'c7' })], files: ['b.py'] });
  });

  it('resolves abbreviated hashes only when they are unambiguous', () => {
    const m = HistoryModel.fromLog([
      rec(1, 1, [], []),
      { ...rec(2, 2, [1], []), commit: { ...rec(2, 2, [1], []).commit, hash: 'abcdef1234'.padEnd(40, '0') } },
      { ...rec(3, 3, [2], []), commit: { ...rec(3, 3, [2], []).commit, hash: 'abcdef5678'.padEnd(40, '0') } },
    ]);
    expect(m.commit('abcdef1')?.subject).toBe('c2');
    expect(m.commit('abcdef')).toBeUndefined();
    expect(m.commit('ABCDEF5')?.subject).toBe('c3');
    expect(m.commit('abc')).toBeUndefined();
  });

  it('incremental application and removal equal building from scratch', () => {
    const all = history();
    const full = HistoryModel.fromLog(all);
    // New commits in two batches, the second with commits older than the newest known (a merged side branch).
    const inc = HistoryModel.fromLog(all.filter((r) => [1, 2, 3].includes(parseInt(r.commit.hash.slice(-1), 16))));
    inc.applyNewer(all.filter((r) => [6, 7].includes(parseInt(r.commit.hash.slice(-1), 16))));
    inc.applyNewer(all);
    expect(dump(inc)).toBe(dump(full));
    // Dropping commits (a branch switch) equals a model that never saw them.
    const drop = [H(6), H(7)];
    inc.removeCommits(drop);
    expect(dump(inc)).toBe(dump(HistoryModel.fromLog(all.filter((r) => !drop.includes(r.commit.hash)))));
  });

  it('survives rename cycles', () => {
    const m = HistoryModel.fromLog([
      rec(1, 1, [], [{ status: 'A', path: 'x' }]),
      rec(2, 2, [1], [{ status: 'R', path: 'y', from: 'x' }]),
      rec(3, 3, [2], [{ status: 'R', path: 'x', from: 'y' }]),
    ]);
    expect(m.renamedTo('x')).toBeUndefined();
    expect(m.renamedTo('y')).toBe('x');
    expect(m.changesSince(['x'], {}).commits.map((c) => c.subject)).toEqual(['c3', 'c2', 'c1']);
  });

  it('does not count changes to whitespace only', () => {
    const m = HistoryModel.fromLog([
      rec(1, 1, [], [{ status: 'M', path: 'x.py' }, { status: 'M', path: 'doc.md' }]),
      rec(2, 2, [1], [{ status: 'M', path: 'x.py', formatting: true }]),
    ]);
    expect(m.lastChange('x.py')?.subject).toBe('c1');
    expect(m.changesSince(['x.py'], { commit: H(1) })).toEqual({ commits: [], files: [] });
  });

  it('leaves out a commit and its revert when both are in the range, and only then', () => {
    const m = HistoryModel.fromLog([
      rec(1, 1, [], [{ status: 'M', path: 'x.py' }]),
      rec(2, 2, [1], [{ status: 'M', path: 'x.py' }, { status: 'M', path: 'y.py' }], 'Try a cache'),
      rec(3, 3, [2], [{ status: 'M', path: 'x.py' }, { status: 'M', path: 'y.py' }], 'Revert "Try a cache"'),
      rec(4, 4, [3], [{ status: 'M', path: 'y.py' }], 'real change'),
    ]);
    const both = m.changesSince(['x.py', 'y.py'], { commit: H(1) });
    expect(both.commits.map((c) => c.subject)).toEqual(['real change']);
    expect(both.files).toEqual(['y.py']);
    // With the reverted commit before the range, the revert is a change like any other.
    expect(m.changesSince(['x.py'], { commit: H(2) }).commits.map((c) => c.subject)).toEqual(['Revert "Try a cache"']);
  });

  it('skips the commits the range says do not count', () => {
    const m = HistoryModel.fromLog([
      rec(1, 1, [], [{ status: 'M', path: 'x.py' }]),
      { ...rec(2, 2, [1], [{ status: 'M', path: 'x.py' }]), commit: { ...rec(2, 2, [1], []).commit, author: 'dependabot[bot]' } },
    ]);
    expect(m.changesSince(['x.py'], { commit: H(1), skip: (c) => c.author.endsWith('[bot]') })).toEqual({ commits: [], files: [] });
    expect(m.changesSince(['x.py'], { commit: H(1) }).commits).toHaveLength(1);
  });

  it('walks the first-parent chain down to a base, and says when it does not get there', () => {
    const m = HistoryModel.fromLog(history());
    expect(m.firstParentChain(H(7), H(3))).toEqual([H(7), H(6), H(5)]);
    expect(m.firstParentChain(H(7), H(4))).toBeUndefined();
  });
});
