// A multi-root workspace over the protocol: the data-platform git repository and a small folder that is not a git
// repository, each with its own index, glossary and settings. Folders can be removed and added while running.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification, FileChangeType, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsRequest, NewDecisionRequest, type StatusParams } from '../../server/src/protocol';
import { materialiseExample, positionOf, TestClient } from './client';

const BILLING_FILES: Record<string, string> = {
  'docs/adr/0001-record-architecture-decisions.md':
    '# 1. Record architecture decisions\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Decision\n\nWe keep decision records in docs/adr.\n',
  'docs/adr/0002-invoices-from-cdc-events.md':
    '# 2. Invoices from CDC events\n\nDate: 2025-02-03\n\n## Status\n\nAccepted\n\n## Decision\n\nThe invoice service consumes order events instead of polling.\n',
  'glossary.yml':
    'terms:\n  - name: CDC\n    definition: In billing, the stream of order events the invoice service consumes.\n  - name: invoice\n    definition: A bill for one order, issued when the order ships.\n',
  'src/invoices.py': '# ADR-0002: invoices follow CDC events.\n# ADR-0007 is a decision of the data platform, not of billing.\ndef invoice_for(order):\n    return order\n',
};

let root: string;
let platform: string;
let billing: string;
let billingDir: string;
let client: TestClient;
let statuses: Map<string, StatusParams>;

beforeAll(async () => {
  const example = materialiseExample();
  root = example.root;
  platform = example.uri;
  // A sibling of the repository, so git finds no repository above it either.
  billingDir = path.join(root, 'billing');
  for (const [rel, text] of Object.entries(BILLING_FILES)) {
    fs.mkdirSync(path.dirname(path.join(billingDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(billingDir, rel), text);
  }
  billing = pathToFileURL(billingDir).href;
  client = TestClient.inProcess({ settings: { [billing]: { severity: { 'unknown-decision': 'error' } } } });
  await client.initialize({
    folders: [
      { uri: platform, name: 'data-platform' },
      { uri: billing, name: 'billing' },
    ],
  });
  const [a, b] = await Promise.all([client.waitForReady(platform), client.waitForReady(billing)]);
  statuses = new Map([
    [platform, a],
    [billing, b],
  ]);
});

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function hoverMarkdown(uri: string, text: string, needle: string): Promise<string> {
  const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, 1) });
  return (h!.contents as MarkupContent).value;
}

describe('two workspace folders', () => {
  it('sends a status per folder, with its own counts and history', () => {
    // The example's 16 decisions and the 2 of the platform log it reads through `sources:`.
    expect(statuses.get(platform)).toMatchObject({ decisions: 18, views: 4, history: { state: 'ready' } });
    expect(statuses.get(billing)).toMatchObject({ state: 'ready', decisions: 2, terms: 2, views: 0, stale: 0, limited: false });
    // Not a git repository: staleness is off and says why, and nothing crashed.
    expect(statuses.get(billing)!.history).toEqual({
      state: 'off',
      reason: 'not-a-repository',
      message: 'The workspace is not in a git repository, so there is no history to compare documentation with.',
    });
  });

  it('pulls settings per folder', () => {
    const scopes = client.events.flatMap((e) => (e.kind === 'configuration' ? e.scopeUris : []));
    expect(scopes).toContain(platform);
    expect(scopes).toContain(billing);
  });

  it('answers requests per folder', async () => {
    const all = await client.connection.sendRequest(DecisionsRequest, {});
    expect(all).toHaveLength(18 + 2);
    const own = await client.connection.sendRequest(DecisionsRequest, { folder: billing });
    expect(own.map((d) => `${d.number} ${d.title}`)).toEqual(['1 Record architecture decisions', '2 Invoices from CDC events']);
    expect(own.every((d) => d.uri.startsWith(`${billing}/`))).toBe(true);
    const next = await client.connection.sendRequest(NewDecisionRequest, { title: 'Credit notes', template: 'nygard', folder: billing });
    expect(next).toMatchObject({ number: 3, uri: `${billing}/docs/adr/0003-credit-notes.md` });
  });

  it('resolves terms and decision numbers in the folder of the document', async () => {
    const text = BILLING_FILES['src/invoices.py'];
    const uri = `${billing}/src/invoices.py`;
    let since = client.mark();
    await client.open(uri, 'python', text);
    await client.waitForReady(billing, { since });
    expect(await hoverMarkdown(uri, text, 'CDC')).toContain('**CDC**\n\nIn billing, the stream of order events the invoice service consumes.');
    expect(await hoverMarkdown(uri, text, 'ADR-0002')).toContain('**ADR-0002 Invoices from CDC events**');

    const platformFile = `${platform}/console/src/cdcEvents.ts`;
    const platformText = fs.readFileSync(new URL(platformFile), 'utf8');
    since = client.mark();
    await client.open(platformFile, 'typescript', platformText);
    await client.waitForReady(platform, { since });
    expect(await hoverMarkdown(platformFile, platformText, '@adr 7')).toContain('**ADR-0007 Kafka Connect and Debezium for change data capture**');
    expect(await hoverMarkdown(platformFile, platformText, 'cdcEventSink')).toContain('Our CDC runs on Kafka Connect with Debezium');
  });

  it('diagnoses each folder with its own decisions and severities', () => {
    // ADR-0007 exists in the other folder only; billing raised unknown-decision to an error.
    const diagnostics = client.diagnostics.get(`${billing}/src/invoices.py`) ?? [];
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([['unknown-decision', 1, 1]]);
    expect(client.diagnostics.get(`${platform}/dbt/models/marts/fct_orders.sql`)?.map((d) => [d.code, d.severity])).toEqual([['unknown-decision', 2]]);
    const billingStale = [...client.diagnostics].filter(([uri, list]) => uri.startsWith(billing) && list.some((d) => d.code === 'stale-documentation'));
    expect(billingStale).toEqual([]);
  });

  it('clears a removed folder and indexes it again when added back', async () => {
    const uri = `${billing}/src/invoices.py`;
    // Closing a document and removing its folder at once: the index work the close starts must not publish
    // anything for the folder once it is gone.
    let since = client.mark();
    await client.close(uri);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [{ uri: billing, name: 'billing' }] },
    });
    await client.waitForDiagnostics(uri, (d) => d.length === 0, { since });
    // The removal clears the folder's diagnostics; nothing of that folder may come after (the close may finish before).
    const removed = client.events.findIndex((e, i) => i >= since && e.kind === 'diagnostics' && e.uri === uri && e.diagnostics.length === 0);
    expect(await client.connection.sendRequest(DecisionsRequest, {})).toHaveLength(18);
    // A change in the other folder, and its status, come after whatever the close had in flight.
    const touched = `${platform}/README.md`;
    await client.filesChanged([{ uri: touched, type: FileChangeType.Changed }]);
    await client.waitForReady(platform, { since });
    expect(client.diagnostics.get(uri)).toEqual([]);
    expect(client.statuses(billing, removed)).toEqual([]);

    since = client.mark();
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: billing, name: 'billing' }], removed: [] },
    });
    expect((await client.waitForReady(billing, { since })).decisions).toBe(2);
    expect(client.diagnostics.get(uri)?.map((d) => d.code)).toEqual(['unknown-decision']);
  });
});
