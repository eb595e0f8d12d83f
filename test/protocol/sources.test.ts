// Findings about the documents of a `.archlens.yml` source are shown in this workspace, never published on the
// sibling checkout (or the clone in storage) they are read from: a central decision stale against this
// repository's code, and a file its guardrail requires here, land on the source's entry in `.archlens.yml` with
// the changed files as related information; the governed file shows the staleness in its code lens and hover.
// The server runs in this process over in-memory streams, on real git repositories.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, DiagnosticSeverity, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { KAFKA, LOG, SIBLING, SourceFixtures } from '../helpers/sourceRepos';
import { TestClient } from './client';

const fixtures = new SourceFixtures();
let client: TestClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
  await fixtures.cleanup();
});

const RUNBOOK = 'docs/adr/0021-runbooks.md';
const runbooks = `---
status: accepted
guardrails:
  - require-file: { path: "app:docs/runbook.md", reason: "on-call needs one per service" }
  - require-file: { path: "billing:docs/billing-runbook.md" }
---
# 21. Every service has a runbook
`;

describe('findings about a source\'s documents', () => {
  it('are published on the source\'s entry in .archlens.yml, never on a file outside the workspace', async () => {
    const app = await fixtures.appRepo(SIBLING);
    const { dir: logDir } = await fixtures.siblingLog(app, [{ ...LOG[0], files: { ...LOG[0].files, [RUNBOOK]: runbooks } }]);
    const folder = pathToFileURL(app.dir).href;
    const uriOf = (rel: string) => `${folder}/${rel}`;
    client = TestClient.inProcess({ deps: { now: () => new Date('2025-06-01T00:00:00Z') } });
    await client.initialize({ folders: [{ uri: folder, name: 'app' }] });
    await client.waitForReady(folder);

    const onConfig = await client.waitForDiagnostics(uriOf('.archlens.yml'), (d) => d.some((x) => x.code === 'stale-documentation'));
    const stale = onConfig.find((d) => d.code === 'stale-documentation')!;
    // `  - name: platform` is line 3 of the file.
    expect(stale.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 18 } });
    expect(stale.severity).toBe(DiagnosticSeverity.Warning);
    expect(stale.message).toMatch(/^platform:docs\/adr\/0015-ingest-through-kafka\.md \(decision 'Ingest through Kafka'\) last changed 2025-03-01; 1 commit since/);
    expect(stale.relatedInformation?.map((r) => r.location.uri)).toEqual([
      uriOf('src/ingest/reader.py'),
      pathToFileURL(path.join(logDir, ...KAFKA.split('/'))).href,
    ]);
    expect(stale.data).toBeUndefined();
    const required = onConfig.filter((d) => d.code === 'guardrail');
    expect(required.map((d) => [d.range.start.line, d.message.slice(0, d.message.indexOf(': '))])).toEqual([[2, `platform:${RUNBOOK}:4`]]);
    expect(required[0].message).toContain('docs/runbook.md');

    // Nothing was ever published outside the workspace folder.
    const published = client.events.flatMap((e) => (e.kind === 'diagnostics' ? [e.uri] : []));
    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((uri) => !uri.startsWith(`${folder}/`))).toEqual([]);

    // The governed file says so in its code lens and in the hover of its first line.
    const reader = uriOf('src/ingest/reader.py');
    await client.open(reader, 'python', fs.readFileSync(path.join(app.dir, 'src/ingest/reader.py'), 'utf8'));
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: reader } }))!;
    expect(lenses.map((l) => l.command?.title)).toEqual(['⚠ ADR-0015 is 1 commit behind', 'Governed by ADR-0015']);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: reader }, position: { line: 0, character: 0 } });
    expect((hover!.contents as MarkupContent).value).toContain('**Stale documentation**');
    expect(client.events.flatMap((e) => (e.kind === 'diagnostics' && !e.uri.startsWith(`${folder}/`) ? [e.uri] : []))).toEqual([]);
  });
});
