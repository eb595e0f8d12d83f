// Staleness rules on an in-memory history (records as `git log` would give them).
import { describe, expect, it } from 'vitest';
import { historyFromLog, historyOff } from '../../server/src/core/modelHistory';
import type { LogRecord } from '../../server/src/core/gitLog';
import type { ArchitectureView, Decision } from '../../server/src/core/model';
import { findMissingCode, findStaleDocumentation, type StalenessSettings } from '../../server/src/core/staleness';
import { makeDecision } from '../helpers/decisions';

function decision(p: Partial<Decision> & { path: string; governs: string[] }): Decision {
  return makeDecision({ id: p.path.replace(/\.md$/, ''), title: 'Use Kafka for events', status: 'accepted', governsLine: 4, ...p });
}

function view(p: Partial<ArchitectureView> & { path: string; elements: ArchitectureView['elements'] }): ArchitectureView {
  return { title: 'CDC pipeline', kind: 'data-pipeline', line: 1, sections: [], ...p };
}

let next = 0;
function commit(date: string, subject: string, changes: Record<string, 'A' | 'M' | 'D'> | [string, string][]): LogRecord {
  next++;
  const hash = `${next.toString(16).padStart(2, '0')}${'c0ffee'.repeat(7)}`.slice(0, 40);
  return {
    commit: { hash, date, author: 'Dev', subject },
    parents: [],
    changes: Array.isArray(changes)
      ? changes.map(([from, to]) => ({ status: 'R', from, path: to }))
      : Object.entries(changes).map(([path, status]) => ({ status, path })),
  };
}

const DOC = 'docs/adr/0001-use-kafka.md';
const records = [
  commit('2025-01-01T09:00:00+00:00', 'record the kafka decision', { [DOC]: 'A', 'src/kafka/producer.py': 'A', 'src/kafka/consumer.py': 'A' }),
  commit('2025-01-05T09:00:00+00:00', 'tune producer batching', { 'src/kafka/producer.py': 'M' }),
  commit('2025-01-08T09:00:00+00:00', 'test the consumer', { 'src/kafka/consumer_test.py': 'A', 'package-lock.json': 'M' }),
  commit('2025-01-10T09:00:00+00:00', 'raise fetch size', { 'src/kafka/consumer.py': 'M', 'src/web/app.py': 'A' }),
];
const [c1, c2, c3, c4] = records.map((r) => r.commit);
const FILES = [DOC, 'src/kafka/producer.py', 'src/kafka/consumer.py', 'src/kafka/consumer_test.py', 'src/web/app.py', 'package-lock.json', 'src/kafkaesque.py'];
const NOW = new Date('2025-01-12T12:00:00Z');
const SETTINGS: StalenessSettings = { enabled: true, minDays: 0, minCommits: 1, ignore: [] };

function stale(opts: { decisions?: Decision[]; views?: ArchitectureView[]; settings?: Partial<StalenessSettings>; dirty?: string[]; historyDirty?: string[]; recs?: LogRecord[]; files?: string[]; now?: Date }) {
  return findStaleDocumentation({
    decisions: opts.decisions ?? [],
    views: opts.views ?? [],
    files: opts.files ?? FILES,
    history: historyFromLog(opts.recs ?? records, new Set(opts.historyDirty ?? [])),
    settings: { ...SETTINGS, ...opts.settings },
    now: opts.now ?? NOW,
    dirty: opts.dirty ? new Set(opts.dirty) : undefined,
  });
}

describe('findStaleDocumentation', () => {
  it('reports a decision whose governed code changed after it, with an exact message', () => {
    const findings = stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'] })] });
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f).toMatchObject({
      docPath: DOC,
      docLine: 4,
      subject: { kind: 'decision', id: 'docs/adr/0001-use-kafka', title: 'Use Kafka for events' },
      governedPaths: ['src/kafka/consumer.py', 'src/kafka/consumer_test.py', 'src/kafka/producer.py'],
      globs: ['src/kafka/'],
      commitCount: 3,
      latest: c4,
      docLastChanged: { date: c1.date, hash: c1.hash },
    });
    expect(f.message).toBe(
      `${DOC} (decision 'Use Kafka for events') last changed 2025-01-01; 3 commits since touched src/kafka/ (latest 2025-01-10 ${c4.hash.slice(0, 7)} 'raise fetch size')`,
    );
  });

  it('says nothing when the document changed after its code', () => {
    const recs = [...records, commit('2025-01-11T09:00:00+00:00', 'update the decision', { [DOC]: 'M' })];
    expect(stale({ recs, decisions: [decision({ path: DOC, governs: ['src/kafka/'] })] })).toEqual([]);
  });

  it('expands folders without a trailing slash, globs and ./ prefixes, but not sibling names', () => {
    const asFolder = stale({ decisions: [decision({ path: DOC, governs: ['./src/kafka'] })] });
    expect(asFolder[0].governedPaths).toEqual(['src/kafka/consumer.py', 'src/kafka/consumer_test.py', 'src/kafka/producer.py']);
    const glob = stale({ decisions: [decision({ path: DOC, governs: ['src/**/producer.py', 'src/web/*.py'] })] });
    expect(glob[0]).toMatchObject({ governedPaths: ['src/kafka/producer.py', 'src/web/app.py'], globs: ['src/**/producer.py', 'src/web/*.py'], commitCount: 2 });
    const sibling = stale({ decisions: [decision({ path: DOC, governs: ['src/kafkaesque.py', 'src/kafka/none.py'] })] });
    expect(sibling).toEqual([]);
  });

  it('moves "last changed" forward to a reviewed date', () => {
    const f = stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], reviewed: '2025-01-08' })] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ commitCount: 1, docLastChanged: { date: '2025-01-08', reviewed: true }, governedPaths: ['src/kafka/consumer.py'] });
    expect(f[0].message).toBe(
      `${DOC} (decision 'Use Kafka for events') last reviewed 2025-01-08; 1 commit since touched src/kafka/ (latest 2025-01-10 ${c4.hash.slice(0, 7)} 'raise fetch size')`,
    );
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], reviewed: '2025-01-10' })] })).toEqual([]);
    // A review older than the document's last commit changes nothing.
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], reviewed: '2024-06-01' })] })[0].commitCount).toBe(3);
  });

  it('moves "last changed" forward to a reviewed commit, abbreviated or not', () => {
    const f = stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], reviewedCommit: c2.hash.slice(0, 8) })] });
    expect(f[0]).toMatchObject({ commitCount: 2, docLastChanged: { date: c2.date, hash: c2.hash, reviewed: true } });
    expect(f[0].message).toContain('last reviewed 2025-01-05; 2 commits since');
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], reviewedCommit: c4.hash })] })).toEqual([]);
    // An unknown commit is ignored rather than trusted.
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], reviewedCommit: 'deadbeef' })] })[0].commitCount).toBe(3);
  });

  it('ignores changes younger than minDays', () => {
    const f = stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'] })], settings: { minDays: 3 } });
    expect(f[0]).toMatchObject({ commitCount: 2, latest: c3, governedPaths: ['src/kafka/consumer_test.py', 'src/kafka/producer.py'] });
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'] })], settings: { minDays: 7 } }).map((x) => x.latest)).toEqual([c2]);
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'] })], settings: { minDays: 8 } })).toEqual([]);
  });

  it('needs at least minCommits commits', () => {
    const d = [decision({ path: DOC, governs: ['src/kafka/'] })];
    expect(stale({ decisions: d, settings: { minCommits: 3 } })).toHaveLength(1);
    expect(stale({ decisions: d, settings: { minCommits: 4 } })).toEqual([]);
  });

  it('leaves out code changes matched by ignore globs', () => {
    const d = [decision({ path: DOC, governs: ['src/kafka/consumer_test.py', 'package-lock.json'] })];
    expect(stale({ decisions: d })).toHaveLength(1);
    expect(stale({ decisions: d, settings: { ignore: ['**/*_test.py', 'package-lock.json'] } })).toEqual([]);
    const f = stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'] })], settings: { ignore: ['**/*_test.py'] } });
    expect(f[0]).toMatchObject({ commitCount: 2, governedPaths: ['src/kafka/consumer.py', 'src/kafka/producer.py'] });
  });

  it('counts uncommitted edits to governed code as a change now, and an edited document as fresh', () => {
    const recs = [...records, commit('2025-01-11T09:00:00+00:00', 'update the decision', { [DOC]: 'M' })];
    const d = [decision({ path: DOC, governs: ['src/kafka/'] })];
    expect(stale({ recs, decisions: d })).toEqual([]);
    const f = stale({ recs, decisions: d, historyDirty: ['src/kafka/producer.py'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ commitCount: 0, governedPaths: ['src/kafka/producer.py'], latest: { hash: '', date: NOW.toISOString(), subject: 'uncommitted changes' } });
    expect(f[0].message).toBe(`${DOC} (decision 'Use Kafka for events') last changed 2025-01-11; uncommitted changes to src/kafka/producer.py`);
    // Unsaved editors passed by the caller count the same way.
    expect(stale({ recs, decisions: d, dirty: ['src/kafka/consumer.py'] })[0].governedPaths).toEqual(['src/kafka/consumer.py']);
    // A new file that is not committed yet is a change too.
    expect(stale({ recs, decisions: d, dirty: ['src/kafka/new.py'], files: [...FILES, 'src/kafka/new.py'] })).toHaveLength(1);
    // With a waiting period, edits of today are too young.
    expect(stale({ recs, decisions: d, historyDirty: ['src/kafka/producer.py'], settings: { minDays: 1 } })).toEqual([]);
    // A document being edited is fresh now, whatever its code did.
    expect(stale({ decisions: d, historyDirty: [DOC] })).toEqual([]);
    expect(stale({ decisions: d, dirty: [DOC] })).toEqual([]);
    // Both: commits since, and edits now.
    const both = stale({ decisions: d, dirty: ['src/web/app.py'], historyDirty: ['src/kafka/producer.py'] });
    expect(both[0].message).toBe(
      `${DOC} (decision 'Use Kafka for events') last changed 2025-01-01; 3 commits since touched src/kafka/ (latest 2025-01-10 ${c4.hash.slice(0, 7)} 'raise fetch size'); uncommitted changes to src/kafka/producer.py`,
    );
  });

  it('checks each element of a view against the view document', () => {
    const VIEW = 'docs/architecture/views/cdc.md';
    const recs = [commit('2024-12-20T09:00:00+00:00', 'describe the cdc view', { [VIEW]: 'A' }), ...records];
    const v = view({
      path: VIEW,
      elements: [
        { name: 'Kafka producer', paths: ['src/kafka/producer.py'], line: 12 },
        { name: 'Web app', paths: ['src/web/'], line: 13 },
        { name: 'Nothing yet', paths: [], line: 14 },
      ],
    });
    const f = stale({ recs, views: [v], files: [...FILES, VIEW] });
    expect(f.map((x) => [x.docLine, x.subject, x.commitCount])).toEqual([
      [12, { kind: 'view-element', view: 'CDC pipeline', element: 'Kafka producer' }, 2],
      [13, { kind: 'view-element', view: 'CDC pipeline', element: 'Web app' }, 1],
    ]);
    expect(f[1].message).toBe(
      `${VIEW} (element 'Web app') last changed 2024-12-20; 1 commit since touched src/web/ (latest 2025-01-10 ${c4.hash.slice(0, 7)} 'raise fetch size')`,
    );
    expect(stale({ recs, views: [{ ...v, reviewed: '2025-01-11' }], files: [...FILES, VIEW] })).toEqual([]);
  });

  it('counts commits to a governed file under its earlier name', () => {
    const recs = [
      ...records,
      commit('2025-01-11T09:00:00+00:00', 'rename producer', [['src/kafka/producer.py', 'src/kafka/publisher.py']]),
    ];
    const files = FILES.filter((f) => f !== 'src/kafka/producer.py').concat('src/kafka/publisher.py');
    const f = stale({ recs, files, decisions: [decision({ path: DOC, governs: ['src/kafka/publisher.py'] })] });
    expect(f[0]).toMatchObject({ commitCount: 2, governedPaths: ['src/kafka/publisher.py'] });
  });

  it('says nothing when history is off, staleness is disabled, the decision is retired or the document is unknown to git', () => {
    const d = [decision({ path: DOC, governs: ['src/kafka/'] })];
    const off = findStaleDocumentation({ decisions: d, views: [], files: FILES, history: historyOff('shallow', 'shallow'), settings: SETTINGS, now: NOW });
    expect(off).toEqual([]);
    expect(stale({ decisions: d, settings: { enabled: false } })).toEqual([]);
    expect(stale({ decisions: [decision({ path: DOC, governs: ['src/kafka/'], status: 'superseded' })] })).toEqual([]);
    expect(stale({ decisions: [decision({ path: 'docs/adr/untracked.md', governs: ['src/kafka/'] })] })).toEqual([]);
  });
});

describe('hostile globs', () => {
  it('never throws on globs picomatch rejects or cannot balance', () => {
    const globs = ['', '   ', '[', '{a,', '!!!', 'x'.repeat(70_000), '../../etc/passwd', '**/*.{py', 'src/kafka/[a-'];
    const decisions = [decision({ path: DOC, governs: globs })];
    const settings = { ignore: ['x'.repeat(70_000), '[', ''] };
    expect(() => stale({ decisions, settings })).not.toThrow();
    const missing = findMissingCode({ decisions, views: [], files: FILES });
    expect(missing.map((m) => m.pattern)).toEqual(expect.arrayContaining(['[', 'x'.repeat(70_000), '../../etc/passwd']));
  });
});

describe('findMissingCode', () => {
  const recs = [...records, commit('2025-01-11T09:00:00+00:00', 'move the web app', [['src/web/app.py', 'src/site/app.py']])];
  const files = FILES.filter((f) => f !== 'src/web/app.py').concat('src/site/app.py');

  it('reports governs, element paths and links that match no file, with a rename hint from history', () => {
    const findings = findMissingCode({
      decisions: [decision({ path: DOC, governs: ['src/kafka/', 'src/web/app.py', 'src/gone/**/*.py', 'src/kafka'] })],
      views: [view({ path: 'docs/v.md', elements: [{ name: 'Web', paths: ['src/web/app.py', 'src/site/'], line: 9 }] })],
      files,
      links: [
        { docPath: 'docs/v.md', line: 20, target: 'src/kafka/producer.py' },
        { docPath: 'docs/v.md', line: 21, target: 'src/kafka/old.py' },
      ],
      history: historyFromLog(recs),
    });
    expect(findings).toEqual([
      {
        docPath: DOC,
        line: 4,
        pattern: 'src/web/app.py',
        kind: 'governs',
        renamedTo: 'src/site/app.py',
        message: `${DOC} governs 'src/web/app.py', which matches no file; it was renamed to src/site/app.py`,
      },
      { docPath: DOC, line: 4, pattern: 'src/gone/**/*.py', kind: 'governs', message: `${DOC} governs 'src/gone/**/*.py', which matches no file` },
      {
        docPath: 'docs/v.md',
        line: 9,
        pattern: 'src/web/app.py',
        kind: 'element',
        renamedTo: 'src/site/app.py',
        message: `docs/v.md names 'src/web/app.py' as an element's code, which matches no file; it was renamed to src/site/app.py`,
      },
      { docPath: 'docs/v.md', line: 21, pattern: 'src/kafka/old.py', kind: 'link', message: `docs/v.md links to 'src/kafka/old.py', which does not exist` },
    ]);
  });

  it('gives no rename hint without history or when the new name is gone too', () => {
    const d = [decision({ path: DOC, governs: ['src/web/app.py'] })];
    expect(findMissingCode({ decisions: d, views: [], files })[0].renamedTo).toBeUndefined();
    const without = files.filter((f) => f !== 'src/site/app.py');
    expect(findMissingCode({ decisions: d, views: [], files: without, history: historyFromLog(recs) })[0].renamedTo).toBeUndefined();
  });
});
