// Big files stay responsive: a 50,000-line file citing a different unknown decision on every line (one unknown
// decision cited many times is one finding) publishes at most
// `archlens.diagnostics.maxPerFile` diagnostics plus one that counts the rest, the setting applies without a
// restart, and an edit that changes nothing publishes nothing. The folder is in memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { TOO_MANY_DIAGNOSTICS } from '../../server/src/session/diagnosticsPublisher';
import { decision, memoryFolder } from '../session/memory';
import { TestClient } from './client';

const FOLDER = 'file:///memory/huge';
const URI = `${FOLDER}/src/generated.py`;
const LINES = 50_000;
const TEXT = Array.from({ length: LINES }, (_, i) => `x${i} = 1  # see ADR-${100_000 + i}`).join('\n') + '\n';

let client: TestClient;

beforeAll(async () => {
  client = TestClient.inProcess({
    deps: { openFolder: (uri, name, options) => memoryFolder(uri, { 'docs/adr/0001-use-postgres.md': decision(1, 'Use PostgreSQL'), 'src/generated.py': TEXT }, { ...options, name }).folder },
  });
  await client.initialize({ folders: [{ uri: FOLDER, name: 'huge' }] });
  await client.waitForReady(FOLDER, { timeoutMs: 60_000 });
}, 90_000);

afterAll(() => client?.dispose());

describe('diagnostics of a 50,000-line file', () => {
  it('are capped at maxPerFile, with one that says how many were left out', async () => {
    const max = DEFAULT_SETTINGS.diagnostics.maxPerFile;
    const since = client.mark();
    await client.open(URI, 'python', TEXT);
    await client.waitForReady(FOLDER, { since, timeoutMs: 60_000 });
    const published = client.diagnostics.get(URI)!;
    expect(published.length).toBeLessThanOrEqual(max + 1);
    expect(published.filter((d) => d.code === 'unknown-decision')).toHaveLength(max);
    const summary = published.filter((d) => d.code === TOO_MANY_DIAGNOSTICS);
    expect(summary.map((d) => d.message)).toEqual([`${LINES - max} more Archlens problems are not shown in this file (archlens.diagnostics.maxPerFile is ${max}).`]);
  }, 90_000);

  it('publishes nothing new for an edit that changes nothing', async () => {
    const since = client.mark();
    await client.change(URI, TEXT);
    await client.waitForReady(FOLDER, { since, timeoutMs: 60_000 });
    expect(client.events.slice(since).filter((e) => e.kind === 'diagnostics')).toEqual([]);
  }, 90_000);

  it('follows a changed maxPerFile setting without a restart', async () => {
    client.settings = { default: { diagnostics: { maxPerFile: 10 } } };
    const since = client.mark();
    await client.changeConfiguration();
    const published = await client.waitForDiagnostics(URI, () => true, { since, timeoutMs: 60_000 });
    expect(published).toHaveLength(11);
    expect(published[10].message).toMatch(new RegExp(`^${LINES - 10} more Archlens problems`));
  }, 90_000);
});
