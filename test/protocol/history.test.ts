// The server follows git over the protocol: an edited document counts as updated while uncommitted, a commit
// that updates it keeps it fresh, and a later commit to its governed code makes it stale again. Its own
// materialised repository, because the test commits to it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaleRequest, type StatusParams } from '../../server/src/protocol';
import { materialiseExample, TestClient } from './client';

const DECISION = 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md';
const GOVERNED = 'deploy/helm/kafka-connect/values.yaml';

let root: string;
let repo: string;
let folder: string;
let client: TestClient;
let initial: StatusParams;

function commit(message: string, date: string): void {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Lena Vogel',
    GIT_AUTHOR_EMAIL: 'lena.vogel@data-platform.example.com',
    GIT_COMMITTER_NAME: 'Lena Vogel',
    GIT_COMMITTER_EMAIL: 'lena.vogel@data-platform.example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-qam', message], { cwd: repo, env });
}

/** The stale findings whose document is decision 7. */
async function staleOfDecision(): Promise<string[]> {
  const all = await client.connection.sendRequest(StaleRequest, { folder });
  return all.filter((s) => s.docUri === `${folder}/${DECISION}`).map((s) => s.latest.subject);
}

beforeAll(async () => {
  ({ root, repo, uri: folder } = materialiseExample());
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  initial = await client.waitForReady(folder);
});

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('git history over the protocol', () => {
  it('starts with decision 7 stale since the Kafka Connect heap change', async () => {
    expect(await staleOfDecision()).toEqual(['Raise Kafka Connect worker heap to 3 GiB']);
  });

  it('treats an uncommitted update of the decision as an update, and a commit of it as one too', async () => {
    fs.appendFileSync(path.join(repo, DECISION), '\nChecked against the connector configurations in June 2025.\n');
    let since = client.mark();
    await client.filesChanged([{ uri: `${folder}/${DECISION}`, type: FileChangeType.Changed }]);
    expect((await client.waitForReady(folder, { since })).stale).toBe(initial.stale - 1);
    expect(await staleOfDecision()).toEqual([]);

    commit('Review the CDC decision against the connectors', '2025-06-05T10:00:00+02:00');
    since = client.mark();
    await client.filesChanged([{ uri: `${folder}/.git/refs/heads/main`, type: FileChangeType.Changed }]);
    expect((await client.waitForReady(folder, { since })).stale).toBe(initial.stale - 1);
    expect(await staleOfDecision()).toEqual([]);
    expect(client.diagnostics.get(`${folder}/${DECISION}`)?.filter((d) => d.code === 'stale-documentation') ?? []).toEqual([]);
  });

  it('makes the decision stale again when its governed code is committed later', async () => {
    fs.appendFileSync(path.join(repo, GOVERNED), '\n# Producer linger raised for the larger orders topic.\n');
    commit('Raise producer linger for Kafka Connect', '2025-06-06T10:00:00+02:00');
    const since = client.mark();
    await client.filesChanged([
      { uri: `${folder}/${GOVERNED}`, type: FileChangeType.Changed },
      { uri: `${folder}/.git/refs/heads/main`, type: FileChangeType.Changed },
    ]);
    await client.waitForDiagnostics(`${folder}/${DECISION}`, (d) => d.some((x) => x.code === 'stale-documentation'), { since });
    expect((await client.waitForReady(folder, { since })).stale).toBeGreaterThanOrEqual(initial.stale);
    expect(await staleOfDecision()).toEqual(['Raise producer linger for Kafka Connect']);
  });
});
