// What changed behind a stale decision, on real repositories: files added under its governed code that no view
// element or decision names (and only those), through the real history adapter and through `check --explain`.
import { afterEach, describe, expect, it } from 'vitest';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import type { ArchitectureView, Decision } from '../../server/src/core/model';
import { explainStale } from '../../server/src/core/staleExplain';
import { findStaleDocumentation } from '../../server/src/core/staleness';
import { gitRepo, type GitRepoFixture } from '../helpers/gitRepo';

let repo: GitRepoFixture | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const DOC = 'docs/adr/0001-ingest-in-python.md';
const DOC_TEXT = `---
governs:
  - src/ingest/
---
# 1. Ingest in Python

Date: 2025-01-10

## Status

Accepted

## Decision

Ingestion is written in Python; the reader lives in src/ingest/reader.py.
`;
const VIEW = 'docs/views/modules.md';
const VIEW_TEXT = `---
view: modules
title: Module view
---

# Module view

## Element Catalog

### Scheduler

Code: \`src/ingest/schedule.py\`

Runs the ingestion every hour.
`;

function decision(): Decision {
  return {
    id: 'adr-0001', number: 1, title: 'Ingest in Python', path: DOC, line: 5, governsLine: 2, status: 'accepted',
    supersedes: [], supersededBy: [], amends: [], amendedBy: [], tags: [], deciders: [], consulted: [], informed: [],
    governs: ['src/ingest/'], format: 'nygard', summary: '',
    searchText: 'Ingestion is written in Python; the reader lives in src/ingest/reader.py.',
  };
}

async function history(): Promise<GitRepoFixture> {
  return gitRepo({
    commits: [
      { date: '2025-01-10T09:00:00Z', message: 'Ingest in Python', files: { [DOC]: DOC_TEXT, [VIEW]: VIEW_TEXT, 'src/ingest/main.py': 'print(1)\n' } },
      { date: '2025-02-01T09:00:00Z', message: 'Change main', files: { 'src/ingest/main.py': 'print(2)\n' } },
      { date: '2025-02-02T09:00:00Z', message: 'Add the retry helper', files: { 'src/ingest/retry.py': 'def retry(): ...\n' } },
      // Named by the decision's text and by the view's element catalog: already documented somewhere.
      { date: '2025-02-03T09:00:00Z', message: 'Add the reader and the scheduler', files: { 'src/ingest/reader.py': 'def read(): ...\n', 'src/ingest/schedule.py': 'def every(): ...\n' } },
    ],
  });
}

describe('new files under governed code', () => {
  it('lists a file added since the decision that nothing names, and not one changed or catalogued', async () => {
    repo = await history();
    const files = [DOC, VIEW, 'src/ingest/main.py', 'src/ingest/retry.py', 'src/ingest/reader.py', 'src/ingest/schedule.py'];
    const h = await openGitHistory(repo.dir, { trusted: true });
    const views: ArchitectureView[] = [
      { title: 'Module view', kind: 'module', path: VIEW, line: 1, elements: [{ name: 'Scheduler', line: 7, paths: ['src/ingest/schedule.py'] }] } as unknown as ArchitectureView,
    ];
    const [finding] = findStaleDocumentation({ decisions: [decision()], views, files, history: h, settings: { enabled: true, minDays: 0, minCommits: 1, ignore: [] }, now: new Date('2025-03-01T00:00:00Z') });
    expect(finding.governedPaths).toEqual(['src/ingest/main.py', 'src/ingest/reader.py', 'src/ingest/retry.py', 'src/ingest/schedule.py']);
    const e = explainStale({ finding, history: h, missing: [], decisions: [decision()], views, files });
    // main.py existed when the decision was written; reader.py is in its text; schedule.py is in the catalog.
    expect(e.uncatalogued).toEqual(['src/ingest/retry.py']);
    expect(e.commitsByPath.map((c) => [c.path, c.commits.map((x) => x.subject)])).toEqual([
      ['src/ingest/main.py', ['Change main']],
      ['src/ingest/reader.py', ['Add the reader and the scheduler']],
      ['src/ingest/retry.py', ['Add the retry helper']],
      ['src/ingest/schedule.py', ['Add the reader and the scheduler']],
    ]);
  });

  it('says so under the stale finding in check --explain', async () => {
    repo = await history();
    let stdout = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, cwd: repo.dir };
    await runCli(['check', '--format', 'json', '--explain'], io);
    const stale = (JSON.parse(stdout).findings as (Finding & { explain?: string })[]).filter((f) => f.code === 'stale-documentation');
    // The decision, and the view whose element's file was added after it.
    expect(stale.map((f) => f.path)).toEqual([DOC, VIEW]);
    const lines = stale[0].explain!.split('\n');
    expect(lines).toContain('new and not in any element catalog: src/ingest/retry.py (suggestion: add them to a view\'s element catalog)');
    expect(lines).toContain('src/ingest/retry.py: 1 commit');
  }, 60_000);
});
