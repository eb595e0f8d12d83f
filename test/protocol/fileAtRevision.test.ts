// archlens/fileAtRevision, the left side of "Show Code Changes Since Documented", over the protocol on real
// repositories: a file's text at a commit, empty where it did not exist, from a workspace that is a subfolder of its
// repository, and never a git run for a base that is not a hash or in an untrusted workspace.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileAtRevisionRequest, StaleRequest } from '../../server/src/protocol';
import { gitRepo, type GitRepoFixture } from '../helpers/gitRepo';
import { TestClient } from './client';

let repo: GitRepoFixture | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
  await repo?.cleanup();
  repo = undefined;
});

const DOC = 'docs/adr/0001-ingest.md';
const DOC_TEXT = '---\ngoverns:\n  - src/**\n---\n# 1. Ingest\n\nDate: 2025-01-10\n\n## Status\n\nAccepted\n';

async function repository(): Promise<GitRepoFixture> {
  return gitRepo({
    commits: [
      { date: '2025-01-10T09:00:00Z', message: 'Decide', files: { [`service/${DOC}`]: DOC_TEXT, 'service/src/main.py': 'print(1)\n' } },
      { date: '2025-02-01T09:00:00Z', message: 'Change main, add retry', files: { 'service/src/main.py': 'print(2)\n', 'service/src/retry.py': 'def retry(): ...\n' } },
    ],
  });
}

async function start(dir: string, trusted: boolean): Promise<{ client: TestClient; folder: string }> {
  const folder = pathToFileURL(dir).href;
  const c = TestClient.inProcess({ deps: { now: () => new Date('2025-03-01T00:00:00Z') } });
  await c.initialize({ folders: [{ uri: folder, name: 'service' }], initializationOptions: { trusted } });
  await c.waitForReady(folder);
  return { client: c, folder };
}

describe('archlens/fileAtRevision', () => {
  it('returns a governed file as it was when the document was written, from a subfolder workspace', async () => {
    repo = await repository();
    const started = await start(path.join(repo.dir, 'service'), true);
    client = started.client;
    const { folder } = started;
    // The stale item names the revision the diff editor compares with.
    const [stale] = await client.connection.sendRequest(StaleRequest, {});
    expect(stale.since).toBe(repo.hashes[0]);
    const at = (file: string, base: string) => client!.connection.sendRequest(FileAtRevisionRequest, { uri: `${folder}/${file}`, base });
    expect(await at('src/main.py', stale.since!)).toEqual({ text: 'print(1)\n' });
    // A file added since: nothing on the left side.
    expect(await at('src/retry.py', stale.since!)).toEqual({ text: '' });
    expect(await at('src/retry.py', repo.hashes[1])).toEqual({ text: 'def retry(): ...\n' });
    // Only a hash is a base: a ref name or something written like an option reads nothing.
    expect(await at('src/main.py', 'HEAD')).toEqual({ text: '' });
    expect(await at('src/main.py', '--output=/tmp/x')).toEqual({ text: '' });
    // A URI outside the folder reads nothing either.
    expect(await client.connection.sendRequest(FileAtRevisionRequest, { uri: pathToFileURL(path.join(repo.dir, 'README.md')).href, base: repo.hashes[0] })).toEqual({ text: '' });
  });

  it('reads nothing in an untrusted workspace', async () => {
    repo = await repository();
    const started = await start(path.join(repo.dir, 'service'), false);
    client = started.client;
    expect(await client.connection.sendRequest(FileAtRevisionRequest, { uri: `${started.folder}/src/main.py`, base: repo.hashes[0] })).toEqual({ text: '' });
  });
});
