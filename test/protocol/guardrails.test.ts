// Guardrails over the protocol, on the example repository with its history and the server in this process: the
// published diagnostic (range, severity, message, related information), the hover on a violation, "Open decision",
// and violations that appear, change severity and go away as documents are edited.
import fs from 'node:fs';
import path from 'node:path';
import { CodeActionRequest, DiagnosticSeverity, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialiseExample, positionOf, TestClient } from './client';

let repo: string;
let folder: string;
let client: TestClient;
const uriOf = (rel: string) => `${folder}/${rel}`;
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
const guardrailsOf = (d: Diagnostic[]) => d.filter((x) => x.code === 'guardrail');

const REQUIREMENTS = 'serving/requirements.txt';
const FEATURE_STORE = 'docs/adr/0010-adopt-a-managed-feature-store.md';
const MEDALLION = 'docs/adr/0004-medallion-layers-in-the-lakehouse.md';
const MART = 'dbt/models/marts/dim_customers.sql';

beforeAll(async () => {
  ({ repo, uri: folder } = materialiseExample());
  client = TestClient.inProcess({ deps: { now: () => new Date('2025-06-10T09:00:00Z') } });
  await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  await client.waitForReady(folder);
});

afterAll(async () => {
  await client?.shutdown();
  if (repo) fs.rmSync(path.dirname(repo), { recursive: true, force: true });
});

describe('guardrails over the protocol', () => {
  it('publishes the violation on the dependency name, with the guardrail as related information', async () => {
    const diagnostics = guardrailsOf(await client.waitForDiagnostics(uriOf(REQUIREMENTS), (d) => guardrailsOf(d).length > 0));
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d.range).toEqual({ start: { line: 7, character: 0 }, end: { line: 7, character: 9 } });
    expect(d.severity).toBe(DiagnosticSeverity.Warning);
    expect(d.source).toBe('archlens');
    expect(d.message).toMatch(/^sagemaker comes from ADR-0010 \(Adopt a managed feature store\), which is rejected: /);
    const guardrailLine = read(FEATURE_STORE).split('\n').findIndex((l) => l.includes('adopt-dependency: { name: sagemaker'));
    expect(d.relatedInformation).toEqual([
      { location: { uri: uriOf(FEATURE_STORE), range: { start: { line: guardrailLine, character: 0 }, end: { line: guardrailLine, character: 0 } } }, message: 'guardrail of ADR-0010 (Adopt a managed feature store)' },
    ]);
  });

  it('hovering the violation shows the finding and the decision card', async () => {
    const text = read(REQUIREMENTS);
    const since = client.mark();
    await client.open(uriOf(REQUIREMENTS), 'pip-requirements', text);
    await client.waitForReady(folder, { since });
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(REQUIREMENTS) }, position: positionOf(text, 'sagemaker', 3) });
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('**Guardrail**: sagemaker comes from ADR-0010');
    expect(value).toContain('**ADR-0010 Adopt a managed feature store**');
    expect(value).toContain('Rejected');
    expect(hover!.range).toEqual({ start: { line: 7, character: 0 }, end: { line: 7, character: 9 } });
    // Elsewhere in the file there is no violation to show.
    const other = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(REQUIREMENTS) }, position: positionOf(text, 'fastapi', 2) });
    expect((other?.contents as MarkupContent | undefined)?.value ?? '').not.toContain('Guardrail');
  });

  it('offers "Open decision" on the violation, at the guardrail line', async () => {
    const [d] = guardrailsOf(client.diagnostics.get(uriOf(REQUIREMENTS)) ?? []);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(REQUIREMENTS) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const open = actions.find((a) => a.title === 'Open decision ADR-0010');
    const guardrailLine = read(FEATURE_STORE).split('\n').findIndex((l) => l.includes('adopt-dependency: { name: sagemaker')) + 1;
    expect(open?.command).toEqual({ title: 'Open decision', command: 'archlens.open', arguments: [uriOf(FEATURE_STORE), guardrailLine] });
  });

  it('flags a raw source typed into a mart, then says "would violate" while the decision is only proposed', async () => {
    const uri = uriOf(MART);
    const original = read(MART);
    let since = client.mark();
    await client.open(uri, 'sql', original);
    await client.waitForReady(folder, { since });
    since = client.mark();
    const edited = original.replace("from {{ ref('customers_snapshot') }}", "from {{ source('cdc', 'customers') }}");
    await client.change(uri, edited);
    const [d] = guardrailsOf(await client.waitForDiagnostics(uri, (x) => guardrailsOf(x).length > 0, { since }));
    expect(d.severity).toBe(DiagnosticSeverity.Warning);
    expect(d.message).toBe(
      'Import of source:cdc.customers is forbidden in dbt/models/marts/** by ADR-0004 (Medallion layers: bronze, silver and gold): marts read staging models through ref(), never raw sources',
    );
    expect(d.range.start).toEqual(positionOf(edited, "'cdc'"));

    const decisionUri = uriOf(MEDALLION);
    const decision = read(MEDALLION);
    since = client.mark();
    await client.open(decisionUri, 'markdown', decision.replace('* Status: accepted', '* Status: proposed'));
    const [would] = guardrailsOf(await client.waitForDiagnostics(uri, (x) => guardrailsOf(x).some((g) => g.severity === DiagnosticSeverity.Information), { since }));
    expect(would.message).toMatch(/^Would violate proposed ADR-0004 \(Medallion layers: bronze, silver and gold\): import of source:cdc\.customers is forbidden/);

    since = client.mark();
    await client.close(decisionUri);
    await client.change(uri, original);
    await client.waitForDiagnostics(uri, (x) => guardrailsOf(x).length === 0, { since });
    await client.close(uri);
  });
});
