// The server's start on the example waits for nothing it can do without: the settings the editor gives with
// `initialize` are used for the first index without asking for them again, the index does not wait for the editor to
// answer the progress token request, and git (whose processes hold the server's thread while they start) is read
// after the first diagnostics are published, its stale findings following in a publication of their own.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import { materialiseExample, TestClient, type ClientEvent } from './client';

const clients: TestClient[] = [];
const roots: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown();
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

function example(): { uri: string } {
  const e = materialiseExample();
  roots.push(e.root);
  return e;
}

const diagnosticsOf = (events: readonly ClientEvent[], code: string) => events.flatMap((e) => (e.kind === 'diagnostics' ? e.diagnostics.filter((d) => d.code === code) : []));

describe('the start without round trips to the editor', () => {
  it('indexes with the settings given at initialize, asking for none, and applies them to the first diagnostics', async () => {
    const { uri } = example();
    // Without git: the first diagnostics are the whole start.
    const bare = TestClient.inProcess();
    clients.push(bare);
    await bare.initialize({ folders: [{ uri, name: 'data-platform' }], initializationOptions: { trusted: false } });
    await bare.waitForReady(uri, { timeoutMs: 60_000 });
    expect(diagnosticsOf(bare.events, 'superseded-decision').length).toBeGreaterThan(0);
    // An editor that asks for settings answers `{}` (TestClient.settings): the given settings must be the ones used.
    expect(bare.events.some((e) => e.kind === 'configuration')).toBe(true);

    const given = TestClient.inProcess();
    clients.push(given);
    await given.initialize({
      folders: [{ uri, name: 'data-platform' }],
      initializationOptions: { trusted: false, settings: { [uri]: { severity: { 'superseded-decision': 'off' } } } },
    });
    await given.waitForReady(uri, { timeoutMs: 60_000 });
    expect(given.events.some((e) => e.kind === 'configuration')).toBe(false);
    expect(diagnosticsOf(given.events, 'superseded-decision')).toEqual([]);
    expect(diagnosticsOf(given.events, 'unknown-decision').length).toBeGreaterThan(0);
  }, 120_000);

  it('is ready, with its first diagnostics, while the editor has not answered the progress token request', async () => {
    const { uri } = example();
    let answer!: () => void;
    const client = TestClient.inProcess({ progressCreateAnswered: new Promise<void>((resolve) => (answer = resolve)) });
    clients.push(client);
    await client.initialize({ folders: [{ uri, name: 'data-platform' }], initializationOptions: { trusted: false } });
    await client.waitForReady(uri, { timeoutMs: 60_000 });
    expect(client.events.some((e) => e.kind === 'progressCreate')).toBe(true);
    expect(client.events.some((e) => e.kind === 'diagnostics')).toBe(true);
    // Nothing reported on a token the editor has not made yet; once it has, the progress it was owed ends.
    expect(client.events.some((e) => e.kind === 'progress')).toBe(false);
    answer();
    await client.waitFor((e) => (e.kind === 'progress' && e.value.kind === 'end' ? true : undefined), { what: 'the end of the indexing progress' });
  }, 120_000);

  it('reads git history after the first diagnostics are published, then publishes its stale findings', async () => {
    const { uri } = example();
    let sentBeforeGit: ClientEvent[] | undefined;
    const client: TestClient = TestClient.inProcess({
      deps: {
        openHistory: (dir, options) => {
          // What the server had sent when it started git (the client receives it a moment later).
          sentBeforeGit = client.serverWrites.flatMap((m) =>
            (m as { method?: string }).method === 'textDocument/publishDiagnostics' ? [{ kind: 'diagnostics' as const, ...(m as unknown as { params: { uri: string; diagnostics: Diagnostic[] } }).params }] : [],
          );
          return openGitHistory(dir, options);
        },
      },
    });
    clients.push(client);
    await client.initialize({ folders: [{ uri, name: 'data-platform' }], initializationOptions: { trusted: true } });
    await client.waitForStatus(uri, (s) => s.historyReady === true && s.phase === 'ready', { timeoutMs: 60_000, what: 'history read' });
    const before = sentBeforeGit ?? [];
    // Everything but history was published before git was started…
    expect(diagnosticsOf(before, 'unknown-decision').length).toBeGreaterThan(0);
    expect(diagnosticsOf(before, 'stale-documentation')).toEqual([]);
    // …and the stale findings followed.
    expect(diagnosticsOf(client.events, 'stale-documentation').length).toBeGreaterThan(0);
  }, 120_000);
});
