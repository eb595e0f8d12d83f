// Failures that escape every handler of the built server (thrown from timers, outside any request, by a fault
// injector loaded with `node --require`, as a bug in a background task would): one is logged with its stack and the
// server keeps serving; a stream of them stops the server with the stack on stderr (which an editor shows in the
// server's output, and VS Code's client then starts a new server).
import path from 'node:path';
import fs from 'node:fs';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ESCAPED_LIMIT } from '../../server/src/session/failures';
import { ensureServerBuilt, materialiseExample, positionOf, SERVER_MAIN, TestClient } from './client';

const INJECTOR = path.resolve(__dirname, '../helpers/escapingFailures.cjs');
const PY = 'airflow/dags/orders_backfill.py';

let cleanups: (() => void)[] = [];
beforeAll(() => ensureServerBuilt(), 120_000);
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function start(failures: number): Promise<{ client: TestClient; folder: string; repo: string }> {
  const { root, repo, uri: folder } = materialiseExample();
  const client = TestClient.spawn(SERVER_MAIN, { nodeArgs: ['--require', INJECTOR], env: { ARCHLENS_ESCAPING_FAILURES: String(failures) } });
  cleanups.push(() => {
    client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  await client.waitForReady(folder);
  return { client, folder, repo };
}

/** Opens the DAG and hovers a glossary term in it. */
async function hoverTerm(client: TestClient, folder: string, repo: string): Promise<string> {
  const text = fs.readFileSync(path.join(repo, PY), 'utf8');
  const uri = `${folder}/${PY}`;
  await client.open(uri, 'python', text);
  const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'idempotent', 2) });
  return (h?.contents as MarkupContent | undefined)?.value ?? "";
}

describe('failures that escape every handler, in the spawned server', () => {
  it(`one fewer than the limit (${ESCAPED_LIMIT.count - 1}): each is logged with its stack and the server keeps answering`, async () => {
    const { client, folder, repo } = await start(ESCAPED_LIMIT.count - 1);
    const since = client.mark();
    client.signal('SIGUSR2');
    const last = `injected failure ${ESCAPED_LIMIT.count - 1} of ${ESCAPED_LIMIT.count - 1}`;
    const log = await client.waitFor((e) => (e.kind === 'log' && e.message.includes(last) ? e.message : undefined), { since });
    expect(log).toMatch(/the server failed \(the server keeps running\): Error: injected failure/);
    expect(log).toMatch(/\n\s+at (Immediate\.)?injectedEscapingFailure /);
    const status = await client.waitForStatus(folder, (s) => s.problem?.count === ESCAPED_LIMIT.count - 1, { since });
    expect(status.problem?.message).toContain(last);
    expect(await hoverTerm(client, folder, repo)).toMatch(/^\*\*idempotency\*\*/);
    expect(client.stderr()).not.toMatch(/stops/);
    expect(await client.shutdown()).toBe(0);
  }, 60_000);

  it(`${ESCAPED_LIMIT.count} at once: the server writes the reason and the last stack to stderr and exits with 1`, async () => {
    const { client } = await start(ESCAPED_LIMIT.count);
    client.signal('SIGUSR2');
    expect(await client.exited()).toBe(1);
    const stderr = client.stderr();
    expect(stderr).toContain(`Archlens: the language server stops: ${ESCAPED_LIMIT.count} failures escaped its handlers within`);
    expect(stderr).toContain(`The last: Error: injected failure ${ESCAPED_LIMIT.count} of ${ESCAPED_LIMIT.count}`);
    expect(stderr).toMatch(/\n\s+at (Immediate\.)?injectedEscapingFailure .*escapingFailures\.cjs/);
  }, 60_000);
});
