// `reviewed-commit:` on a decision of a `.archlens.yml` source is honoured: the commit is looked up in this
// repository (the code that was reviewed; changes after it count, those before do not, whatever the dates), else
// in the log's own history (a date). A sibling log with no git history still has its review to go by.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KAFKA, LOG, SIBLING, SourceFixtures, checkFindings, kafka, openFolder } from '../helpers/sourceRepos';

const fixtures = new SourceFixtures();
afterEach(() => fixtures.cleanup());

/** The log's decision 15, written on 1 March, reviewed at `hash`. */
const reviewedAt = (hash: string) => [{ ...LOG[0], files: { ...LOG[0].files, [KAFKA]: kafka('', `reviewed-commit: ${hash}\n`) } }];

const staleOf = async (dir: string) => (await openFolder(dir)).findings().stale.map((f) => [f.docPath, f.commitCount, f.docLastChanged.date.slice(0, 10), f.docLastChanged.reviewed ?? false]);

describe('reviewed-commit on a source\'s decision', () => {
  it('names a commit of this repository: only the changes after it make the decision stale', async () => {
    const app = await fixtures.appRepo(SIBLING);
    // Reviewed at this repository's May commit: the decision's last change in the log (1 March) is older, but the
    // review covers the May change.
    await fixtures.siblingLog(app, reviewedAt(app.hashes[1]));
    expect(await staleOf(app.dir)).toEqual([]);
    expect((await checkFindings(app.dir)).filter((f) => f.code === 'stale-documentation')).toEqual([]);

    // A later change to the governed code is not covered by the review.
    await app.commit({ date: '2025-05-20T09:00:00Z', message: 'retries', files: { 'src/ingest/reader.py': '# see ADR-0015\nBATCH = 10\nRETRIES = 3\n' } });
    expect(await staleOf(app.dir)).toEqual([[`platform:${KAFKA}`, 1, '2025-05-01', true]]);
    expect((await checkFindings(app.dir)).filter((f) => f.code === 'stale-documentation').map((f) => [f.path, f.message])).toEqual([
      [`platform:${KAFKA}`, expect.stringMatching(/last reviewed 2025-05-01; 1 commit since touched src\/ingest\/\*\* \(latest 2025-05-20 [0-9a-f]{7} 'retries'\)/)],
    ]);
  });

  it('is honoured for a git source cloned into storage', async () => {
    const { app, log, storage } = await fixtures.remoteLog();
    // The log records the review of this repository's May commit (the commit's own date is older: amended).
    await log.commit({ date: '2025-03-02T09:00:00Z', message: 'reviewed', files: { [KAFKA]: kafka('', `reviewed-commit: ${app.hashes[1]}\n`) } });
    await log.git('push', '-q', 'origin', 'HEAD:main');
    const folder = await openFolder(app.dir, { storage });
    expect(folder.snapshot.decision(`central:${KAFKA.replace(/\.md$/, '')}`)?.reviewedCommit).toBe(app.hashes[1]);
    expect(folder.findings().stale).toEqual([]);
    const cli = await checkFindings(app.dir, '--sources-dir', path.join(path.dirname(app.dir), 'cli-storage'));
    expect(cli.filter((f) => f.code === 'stale-documentation')).toEqual([]);
  });

  it('is the baseline of a sibling log that has no git history', async () => {
    const app = await fixtures.appRepo(SIBLING);
    // A plain copy of the log, reviewed at this repository's first commit: the May change came after it.
    const sibling = path.join(path.dirname(app.dir), 'platform-decisions');
    for (const [file, text] of Object.entries(reviewedAt(app.hashes[0])[0].files)) {
      fs.mkdirSync(path.dirname(path.join(sibling, file)), { recursive: true });
      fs.writeFileSync(path.join(sibling, file), text as string);
    }
    expect(await staleOf(app.dir)).toEqual([[`platform:${KAFKA}`, 1, '2025-02-01', true]]);
  });

  it('names a commit of the log: its date is the baseline when it is the newest', async () => {
    const app = await fixtures.appRepo(SIBLING);
    // The log's commit of 10 May (a review of the whole log) is named by the decision, committed with an older date.
    const log = await fixtures.siblingLog(app, [{ date: '2025-05-10T09:00:00Z', message: 'review', files: { 'docs/adr/README.md': '# Decisions\n' } }]);
    const logHash = await log.log.head();
    await log.log.commit({ ...reviewedAt(logHash)[0] });
    await app.git('-C', log.dir, 'pull', '-q', '--ff-only');
    const folder = await openFolder(app.dir);
    expect(folder.snapshot.decision(`platform:${KAFKA.replace(/\.md$/, '')}`)?.reviewedCommit).toBe(logHash);
    expect(folder.findings().stale).toEqual([]);
  });
});
