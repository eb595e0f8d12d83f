// An untrusted workspace over the protocol (initializationOptions.trusted false): the server indexes documents
// but never runs git and never proposes file writes, and says so in its status.
import fs from 'node:fs';
import { CodeActionRequest, CodeLensRequest, ErrorCodes, ExecuteCommandRequest, ResponseError, type CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGitHistory } from '../../server/src/adapters/gitHistory';
import { ChangesSinceRequest, NewDecisionRequest, StaleRequest, type StatusParams } from '../../server/src/protocol';
import { materialiseExample, TestClient } from './client';

let root: string;
let folder: string;
let client: TestClient;
let ready: StatusParams;
const historyOpened: string[] = [];

beforeAll(async () => {
  const example = materialiseExample();
  root = example.root;
  folder = example.uri;
  client = TestClient.inProcess({
    deps: {
      openHistory: (dir, options) => {
        historyOpened.push(dir);
        return openGitHistory(dir, options);
      },
    },
  });
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }], initializationOptions: { trusted: false } });
  ready = await client.waitForReady(folder);
});

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('untrusted workspace', () => {
  it('indexes the documents in limited mode without reading git', () => {
    expect(ready).toMatchObject({
      state: 'ready',
      // Its 16 and the 2 of the platform log next to it (a sibling folder, read without git).
      decisions: 18,
      views: 4,
      stale: 0,
      limited: true,
      history: { state: 'off', reason: 'untrusted' },
    });
    expect(ready.history.message).toMatch(/not trusted/);
    expect(historyOpened).toEqual([]);
  });

  it('reports references but no stale documentation', async () => {
    expect(client.diagnostics.get(`${folder}/airflow/dags/orders_backfill.py`)?.map((d) => d.code)).toEqual(['superseded-decision']);
    expect(client.diagnostics.get(`${folder}/dbt/models/marts/fct_orders.sql`)?.map((d) => d.code)).toEqual(['unknown-decision']);
    const stale = [...client.diagnostics.values()].flat().filter((d) => d.code === 'stale-documentation');
    expect(stale).toEqual([]);
    expect(await client.connection.sendRequest(StaleRequest, {})).toEqual([]);
  });

  it('still offers the quick fix that edits only the open document, and lenses without staleness', async () => {
    const uri = `${folder}/airflow/dags/orders_backfill.py`;
    const text = fs.readFileSync(new URL(uri), 'utf8');
    const since = client.mark();
    await client.open(uri, 'python', text);
    await client.waitForReady(folder, { since });
    const diagnostics = client.diagnostics.get(uri)!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
    expect(actions.map((a) => a.title)).toHaveLength(1);
    expect(Object.keys(actions[0].edit!.changes!)).toEqual([uri]);

    const json = `${folder}/connect/debezium/orders-postgres-source.json`;
    const jsonSince = client.mark();
    await client.open(json, 'json', fs.readFileSync(new URL(json), 'utf8'));
    await client.waitForReady(folder, { since: jsonSince });
    const titles = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: json } }))!.map((l) => l.command?.title ?? '');
    expect(titles[0]).toBe('Governed by ADR-0007, ADR-0012');
    expect(titles.filter((t) => t.includes('⚠') || t.includes('behind'))).toEqual([]);
  });

  it('refuses to write: no new decision, no review edit, no diff', async () => {
    const refused = await client.connection
      .sendRequest(NewDecisionRequest, { title: 'Anything', template: 'nygard' })
      .then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ResponseError);
    expect((refused as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidRequest);
    expect((refused as ResponseError<unknown>).message).toBe('The workspace is not trusted: Archlens does not write files here.');

    const since = client.mark();
    await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'archlens.markReviewed',
      arguments: [`${folder}/docs/adr/0007-kafka-connect-and-debezium-for-cdc.md`],
    });
    expect(client.appliedEdits(since)).toEqual([]);

    const changes = await client.connection.sendRequest(ChangesSinceRequest, { docUri: `${folder}/docs/adr/0007-kafka-connect-and-debezium-for-cdc.md` });
    expect(changes).toMatchObject({ stat: '', diff: '' });
    expect(historyOpened).toEqual([]);
  });
});
