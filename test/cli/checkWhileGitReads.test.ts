// `archlens check` starts git at once and runs the rules that need no history as soon as the index is built, while
// git may still be writing; the rules of history (stale documentation, missing code) run once it is in. The
// history below is held back until the test lets it through, so what ran before is what needed no history.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import { checkFolder, type ReadText } from '../../server/src/core/rules';
import { decodeText } from '../../server/src/core/text';
import type { FolderSession } from '../../server/src/session/folderSession';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { gitRepo, type FixtureCommit, type GitRepoFixture } from '../helpers/gitRepo';

const DECISION = 'docs/adr/0001-cache-in-redis.md';
const OLD = 'docs/adr/0002-cache-in-memory.md';
const decision = ['---', 'governs:', '  - src/cache/**', 'supersedes: [ADR-0002]', '---', '# 1. Cache in Redis', '', '## Status', '', 'Accepted', ''].join('\n');
const old = ['# 2. Cache in memory', '', '## Status', '', 'Superseded by [1. Cache in Redis](0001-cache-in-redis.md)', ''].join('\n');

/** A decision, then changes to the code it governs (stale), and code citing a superseded and an unknown decision. */
const HISTORY: FixtureCommit[] = [
  { date: '2025-01-10T09:00:00Z', message: 'Cache in Redis', files: { [DECISION]: decision, [OLD]: old, 'src/cache/client.py': 'TTL = 60\n' } },
  { date: '2025-02-10T09:00:00Z', message: 'Longer TTL', files: { 'src/cache/client.py': 'TTL = 600\n' } },
  { date: '2025-03-10T09:00:00Z', message: 'Cite decisions', files: { 'src/cache/client.py': '# ADR-0002, ADR-0009\nTTL = 600\n' } },
];

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

function reader(folder: FolderSession, reads: string[]): ReadText {
  return async (p) => {
    reads.push(p);
    const bytes = await folder.workspace.readFile(p);
    const decoded = bytes ? decodeText(bytes) : undefined;
    return decoded?.kind === 'text' ? decoded.text : undefined;
  };
}

const lines = (found: Awaited<ReturnType<typeof checkFolder>>) => found.map((f) => `${f.path}:${f.range.start.line} ${f.code} ${f.message}`);

describe('check runs the rules that need no history while git is read', () => {
  it('the index is built and the other rules have read their files before the history is in; the findings are the same', async () => {
    repo = await gitRepo({ commits: HISTORY });
    const root = repo.dir;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let historyAsked = false;
    const folder = nodeFolderSession(pathToFileURL(root).href, path.basename(root), {
      trusted: true,
      keepDocumentModels: true,
      openHistory: async (r, o) => {
        historyAsked = true;
        await gate;
        return openGitHistory(r, o);
      },
    });

    // git is asked for before the index is built, and the index does not wait for it.
    const { history } = await folder.indexWhileReadingHistory({});
    expect(historyAsked).toBe(true);
    expect(folder.historyReady).toBe(false);

    const reads: string[] = [];
    let historyIn = false;
    const readsBeforeHistory: string[] = [];
    const checked = checkFolder(
      folder.snapshot,
      history.then(() => {
        historyIn = true;
        readsBeforeHistory.push(...reads);
        return folder.findings();
      }),
      { kind: 'folder' },
      reader(folder, reads),
    );
    // Let the rules that need no history run to their end: they wait for nothing but reads.
    for (let i = 0; i < 50 && !historyIn; i++) await new Promise((r) => setImmediate(r));
    expect(historyIn).toBe(false);
    expect(reads).toContain('src/cache/client.py');
    release();
    const found = await checked;

    // The control: one start that waits for both, then every rule at once.
    const control = nodeFolderSession(pathToFileURL(root).href, path.basename(root), { trusted: true, keepDocumentModels: true });
    await control.start({});
    const expected = await checkFolder(control.snapshot, control.findings(), { kind: 'folder' }, reader(control, []));
    expect(lines(found)).toEqual(lines(expected));
    expect(found.map((f) => f.code).sort()).toEqual(['stale-documentation', 'superseded-decision', 'unknown-decision']);
    // Before the history: the code file and both decisions (their references); after it: the stale one again.
    expect(readsBeforeHistory.sort()).toEqual([DECISION, OLD, 'src/cache/client.py'].sort());
    expect(reads.slice(readsBeforeHistory.length)).toEqual([DECISION]);
  }, 60_000);

  it('a history that is off still lets the check finish, with the findings of the other rules', async () => {
    repo = await gitRepo({ init: false });
    for (const [file, text] of Object.entries(HISTORY[2].files!)) await repo.write(file, text ?? '');
    await repo.write(DECISION, decision);
    await repo.write(OLD, old);
    const folder = nodeFolderSession(pathToFileURL(repo.dir).href, 'x', { trusted: true, keepDocumentModels: true });
    const { history } = await folder.indexWhileReadingHistory({});
    const found = await checkFolder(folder.snapshot, history.then(() => folder.findings()), { kind: 'folder' }, reader(folder, []));
    expect(folder.historyStatus().state).toBe('off');
    expect(found.map((f) => f.code).sort()).toEqual(['superseded-decision', 'unknown-decision']);
  }, 60_000);
});
