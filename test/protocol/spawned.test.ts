// The built language server as an editor runs it: `node server/out/main.js --stdio`, driven over its stdin and
// stdout by a real LSP client against the materialised data-platform repository. The bundle is rebuilt first
// when it is missing or older than the sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { DiagnosticSeverity, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsRequest } from '../../server/src/protocol';
import { ensureServerBuilt, materialiseExample, positionOf, SERVER_MAIN, TestClient } from './client';

/** The version the bundle must report: package.json's, read here the way a release reads it. */
const packageVersion = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;

let root: string;
let folder: string;

beforeAll(() => {
  ensureServerBuilt();
  ({ root, uri: folder } = materialiseExample());
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('node server/out/main.js --stdio', () => {
  it('prints its version', () => {
    expect(execFileSync(process.execPath, [SERVER_MAIN, '--version'], { encoding: 'utf8' })).toBe('archlens-language-server 0.1.0\n');
  });

  it('initializes, indexes, hovers, publishes diagnostics and exits with 0 after shutdown', async () => {
    const client = TestClient.spawn(SERVER_MAIN);
    try {
      const init = await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
      expect(init.serverInfo).toEqual({ name: 'archlens-language-server', version: packageVersion });
      const ready = await client.waitForReady(folder);
      // The example's 16 decisions and the 2 of the platform log it reads through `sources:`.
      expect(ready).toMatchObject({ decisions: 18, views: 4, history: { state: 'ready' }, limited: false });
      expect(ready.stale).toBeGreaterThan(0);
      const kinds = client.events.flatMap((e) => (e.kind === 'progress' ? [e.value.kind] : []));
      expect([kinds[0], kinds.at(-1)]).toEqual(['begin', 'end']);

      const uri = `${folder}/airflow/dags/orders_backfill.py`;
      const text = fs.readFileSync(new URL(uri), 'utf8');
      expect(client.diagnostics.get(uri)?.map((d) => [d.code, d.severity])).toEqual([['superseded-decision', DiagnosticSeverity.Information]]);
      const since = client.mark();
      await client.open(uri, 'python', text);
      await client.waitForReady(folder, { since });
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'ADR-0003', 2) });
      const value = (h!.contents as MarkupContent).value;
      expect(value.split('\n\n')[0]).toBe('**ADR-0003 Nightly batch ingestion with Airflow**');
      expect(value).toContain('Superseded by [ADR-0007 Kafka Connect and Debezium for change data capture]');
      const term = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'idempotent', 2) });
      expect((term!.contents as MarkupContent).value.split('\n\n')[0]).toBe('**idempotency**');
      expect(await client.connection.sendRequest(DecisionsRequest, {})).toHaveLength(18);

      expect(await client.shutdown()).toBe(0);
      expect(client.stderr()).toBe('');
    } finally {
      client.dispose();
    }
  });

  it('serves a minimal editor: rootUri only, no dynamic registration, no progress, registrations refused', async () => {
    const client = TestClient.spawn(SERVER_MAIN, { refuseRegistrations: true });
    try {
      await client.initialize({
        folders: [{ uri: folder, name: 'data-platform' }],
        rootUriOnly: true,
        capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
      });
      const ready = await client.waitForReady(folder);
      expect(ready).toMatchObject({ decisions: 18, history: { state: 'ready' } });
      // Nothing was asked of the client that it did not announce.
      expect(client.events.filter((e) => e.kind === 'register' || e.kind === 'progressCreate' || e.kind === 'codeLensRefresh')).toEqual([]);
      const uri = `${folder}/dbt/models/marts/fct_orders.sql`;
      const text = fs.readFileSync(new URL(uri), 'utf8');
      const since = client.mark();
      await client.open(uri, 'sql', text);
      await client.waitForReady(folder, { since });
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'ADR-0004', 2) });
      expect((h!.contents as MarkupContent).value.split('\n\n')[0]).toBe('**ADR-0004 Medallion layers: bronze, silver and gold**');
      expect(await client.shutdown()).toBe(0);
      expect(client.stderr()).toBe('');
    } finally {
      client.dispose();
    }
  });

  it('exits with 1 when told to exit without a shutdown', async () => {
    const client = TestClient.spawn(SERVER_MAIN);
    try {
      await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
      expect(await client.exit()).toBe(1);
    } finally {
      client.dispose();
    }
  });
});
