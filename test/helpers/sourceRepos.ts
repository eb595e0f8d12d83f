// Repositories for the tests of `.archlens.yml` `sources:`: a decision-only log (decision 15 governs code of the
// repositories `app` and `billing`), a code repository `app` that cites it, the log as a sibling checkout or as a
// bare repository on disk (the remote, cloned over file://), and the editor's session or `archlens check` on them.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { runCli } from '../../server/src/cli/run';
import type { Finding } from '../../server/src/cli/formats';
import type { FolderSession } from '../../server/src/session/folderSession';
import { nodeFolderSession } from '../../server/src/session/nodeSession';
import { gitRepo, type FixtureCommit, type GitRepoFixture } from './gitRepo';

export const KAFKA = 'docs/adr/0015-ingest-through-kafka.md';

export const kafka = (extra = '', frontMatter = '') => `---
status: accepted
date: 2025-03-01
governs:
  - app:src/ingest/**
  - billing:src/invoices/**
${frontMatter}---
# 15. Ingest through Kafka

Every producer writes to Kafka.${extra}
`;

/** The central log: one decision, written on 1 March. */
export const LOG: FixtureCommit[] = [
  { date: '2025-03-01T09:00:00Z', message: 'Ingest through Kafka', files: { [KAFKA]: kafka(), 'docs/adr/0001-record-decisions.md': '# 1. Record decisions\n\nAccepted.\n' } },
];

export const config = (sources: string) => `repository: app\nsources:\n${sources}`;
export const SIBLING = config('  - name: platform\n    path: ../platform-decisions\n');

/** Fixtures and sessions of one test file, cleaned up after each test. */
export class SourceFixtures {
  private fixtures: GitRepoFixture[] = [];

  async cleanup(): Promise<void> {
    for (const f of this.fixtures) await f.cleanup();
    this.fixtures = [];
  }

  /** The using repository: code citing ADR-0015, a change before the decision and one after it. */
  async appRepo(archlensYml: string, files: Record<string, string> = {}): Promise<GitRepoFixture> {
    const app = await gitRepo({
      commits: [
        { date: '2025-02-01T09:00:00Z', message: 'reader', files: { '.archlens.yml': archlensYml, 'src/ingest/reader.py': '# see ADR-0015\nBATCH = 1\n', ...files } },
        { date: '2025-05-01T09:00:00Z', message: 'bigger batches', files: { 'src/ingest/reader.py': '# see ADR-0015\nBATCH = 10\n' } },
      ],
    });
    this.fixtures.push(app);
    return app;
  }

  /** The log, cloned next to the using repository (`../platform-decisions`). */
  async siblingLog(app: GitRepoFixture, commits: FixtureCommit[] = LOG): Promise<{ dir: string; log: GitRepoFixture }> {
    const log = await gitRepo({ commits });
    this.fixtures.push(log);
    const sibling = path.join(path.dirname(app.dir), 'platform-decisions');
    await app.git('clone', '-q', '--', log.dir, sibling);
    return { dir: sibling, log };
  }

  /** The log as a bare repository on disk (the remote), and the using repository pointing at it by file:// URL. */
  async remoteLog(commits: FixtureCommit[] = LOG, entry = ''): Promise<{ app: GitRepoFixture; log: GitRepoFixture; remote: string; storage: string }> {
    const log = await gitRepo({ commits });
    this.fixtures.push(log);
    const remote = path.join(path.dirname(log.dir), 'decisions.git');
    await log.git('clone', '-q', '--bare', '--', log.dir, remote);
    await log.git('remote', 'add', 'origin', remote);
    const app = await this.appRepo(config(`  - name: central\n    git: ${pathToFileURL(remote).href}\n${entry}`));
    return { app, log, remote, storage: path.join(path.dirname(app.dir), 'storage') };
  }
}

export interface OpenOptions {
  trusted?: boolean;
  storage?: string;
  onGitCommand?: (args: readonly string[]) => void;
}

/** The editor's session of a folder, on 1 June 2025. */
export async function openFolder(dir: string, options: OpenOptions = {}): Promise<FolderSession> {
  const folder = nodeFolderSession(pathToFileURL(dir).href, path.basename(dir), {
    trusted: options.trusted ?? true,
    storage: options.storage,
    onGitCommand: options.onGitCommand,
    now: () => new Date('2025-06-01T00:00:00Z'),
  });
  await folder.start({});
  return folder;
}

/** `archlens check DIR --format json` findings. */
export async function checkFindings(dir: string, ...args: string[]): Promise<Finding[]> {
  let stdout = '';
  const code = await runCli(['check', dir, '--format', 'json', '--fail-on', 'never', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, cwd: dir });
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { findings: Finding[] }).findings;
}
