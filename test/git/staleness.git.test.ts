// Staleness end to end: a real repository, the real history adapter, the pure rules.
import { afterEach, describe, expect, it } from 'vitest';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import type { Decision } from '../../server/src/core/model';
import { findMissingCode, findStaleDocumentation } from '../../server/src/core/staleness';
import { makeDecision } from '../helpers/decisions';
import { gitRepo, type GitRepoFixture } from '../helpers/gitRepo';

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const DOC = 'docs/adr/0003-debezium.md';

function decision(governs: string[], extra: Partial<Decision> = {}): Decision {
  return makeDecision({
    id: DOC.replace(/\.md$/, ''),
    title: 'Capture changes with Debezium',
    path: DOC,
    governsLine: 3,
    status: 'accepted',
    governs,
    ...extra,
  });
}

describe('staleness over a real repository', () => {
  it('warns after governed commits, clears when the document is updated, and hints at renamed code', async () => {
    repo = await gitRepo({
      commits: [
        { date: '2025-03-02T08:00:00Z', message: 'decide on debezium', files: { [DOC]: '# Debezium\n', 'connect/debezium/source.json': '{}' } },
        { date: '2025-06-01T08:00:00Z', message: 'add a sink', files: { 'connect/debezium/sink.json': '{}' } },
        { date: '2025-10-11T08:00:00Z', author: 'Ada', message: 'raise snapshot fetch size', files: { 'connect/debezium/source.json': '{"fetch": 2}' } },
        { date: '2025-10-12T08:00:00Z', message: 'rename sink', rename: [['connect/debezium/sink.json', 'connect/debezium/sink-pg.json']] },
      ],
    });
    const files = [DOC, 'connect/debezium/source.json', 'connect/debezium/sink-pg.json'];
    const settings = { enabled: true, minDays: 0, minCommits: 1, ignore: [] };
    const now = new Date('2025-11-01T00:00:00Z');
    const history = await openGitHistory(repo.dir, { trusted: true });
    const run = (d: Decision) => findStaleDocumentation({ decisions: [d], views: [], files, history, settings, now });

    const [f] = run(decision(['connect/debezium/']));
    expect(f.commitCount).toBe(3);
    expect(f.message).toBe(
      `${DOC} (decision 'Capture changes with Debezium') last changed 2025-03-02; 3 commits since touched connect/debezium/ (latest 2025-10-12 ${repo.hashes[3].slice(0, 7)} 'rename sink')`,
    );
    expect(run(decision(['connect/debezium/'], { reviewedCommit: repo.hashes[2].slice(0, 7) }))[0].commitCount).toBe(1);

    const missing = findMissingCode({ decisions: [decision(['connect/debezium/sink.json'])], views: [], files, history });
    expect(missing.map((m) => m.renamedTo)).toEqual(['connect/debezium/sink-pg.json']);

    await repo.write(DOC, '# Debezium\n\nUpdated.\n');
    await history.refresh();
    expect(run(decision(['connect/debezium/']))).toEqual([]);
    await repo.commit({ date: '2025-10-20T08:00:00Z', message: 'update the decision', files: { [DOC]: '# Debezium\n\nUpdated.\n' } });
    await history.refresh();
    expect(run(decision(['connect/debezium/']))).toEqual([]);
    await repo.write('connect/debezium/source.json', '{"fetch": 3}');
    await history.refresh();
    expect(run(decision(['connect/debezium/']))[0].message).toBe(
      `${DOC} (decision 'Capture changes with Debezium') last changed 2025-10-20; uncommitted changes to connect/debezium/source.json`,
    );
  });
});

describe('deleting governed code', () => {
  it('is a change: a committed deletion makes the document stale, and is named among the changed files', async () => {
    repo = await gitRepo({
      commits: [
        { date: '2025-03-02T08:00:00Z', message: 'decide on debezium', files: { [DOC]: '# Debezium\n', 'connect/debezium/source.json': '{}', 'connect/debezium/legacy.json': '{}' } },
        { date: '2025-09-01T08:00:00Z', message: 'drop the legacy connector', files: { 'connect/debezium/legacy.json': null } },
      ],
    });
    const files = [DOC, 'connect/debezium/source.json'];
    const settings = { enabled: true, minDays: 0, minCommits: 1, ignore: [] };
    const history = await openGitHistory(repo.dir, { trusted: true });
    const [f] = findStaleDocumentation({ decisions: [decision(['connect/debezium/'])], views: [], files, history, settings, now: new Date('2025-11-01T00:00:00Z') });
    expect(f).toBeDefined();
    expect(f.commitCount).toBe(1);
    expect(f.governedPaths).toEqual(['connect/debezium/legacy.json']);
    expect(f.latest.subject).toBe('drop the legacy connector');
  });

  it('a file renamed away is followed to its new name, not reported under the old one', async () => {
    repo = await gitRepo({
      commits: [
        { date: '2025-03-02T08:00:00Z', message: 'decide', files: { [DOC]: '# Debezium\n', 'connect/debezium/a.json': '{}' } },
        { date: '2025-09-01T08:00:00Z', message: 'rename', rename: [['connect/debezium/a.json', 'connect/debezium/b.json']] },
      ],
    });
    const files = [DOC, 'connect/debezium/b.json'];
    const settings = { enabled: true, minDays: 0, minCommits: 1, ignore: [] };
    const history = await openGitHistory(repo.dir, { trusted: true });
    const [f] = findStaleDocumentation({ decisions: [decision(['connect/debezium/'])], views: [], files, history, settings, now: new Date('2025-11-01T00:00:00Z') });
    expect(f.governedPaths).toEqual(['connect/debezium/b.json']);
  });
});
