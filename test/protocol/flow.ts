// The protocol flow, run twice (protocolInProcess.test.ts and protocolSpawned.test.ts): the language server in this
// process over in-memory streams, and the built `node server/out/main.js --stdio` as an editor runs it, each driven
// by a real LSP client against the data-platform example as a git repository with its dated history. One session
// per run: the read-only requests first, then the tests that change documents, settings and files, each restoring
// what it changed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  type DocumentSymbol,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Location,
  type MarkupContent,
  type SymbolInformation,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangesSinceRequest,
  DecisionsRequest,
  ForFileRequest,
  NewDecisionRequest,
  ViewsRequest,
  type DecisionItem,
  type StatusParams,
} from '../../server/src/protocol';
import { applyTextEdits, ensureServerBuilt, lineOf, materialiseExample, positionOf, SERVER_MAIN, TestClient } from './client';

export function protocolFlow(mode: 'in-process' | 'spawned'): void {
// In process the server's clock is fixed; the spawned server has the real one.
const TODAY = mode === 'in-process' ? '2025-06-10' : new Date().toISOString().slice(0, 10);
const LANGUAGES: Record<string, string> = { py: 'python', ts: 'typescript', sql: 'sql', yml: 'yaml', yaml: 'yaml', json: 'json', md: 'markdown' };

let repo: string;
let folder: string;
let client: TestClient;
let ready: StatusParams;
let head: string;

const uriOf = (rel: string) => `${folder}/${rel}`;
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
/** The example's own decisions (docs/adr/0001..0016), and those of the platform log it reads through `sources:`. */
const OWN_DECISIONS = 16;
const PLATFORM_DECISIONS = [101, 102];
const DECISIONS = OWN_DECISIONS + PLATFORM_DECISIONS.length;

/** Opens a file of the example as the editor would, and waits until the server has indexed its text. */
async function open(rel: string): Promise<{ uri: string; text: string }> {
  const text = read(rel);
  const uri = uriOf(rel);
  const since = client.mark();
  await client.open(uri, LANGUAGES[rel.slice(rel.lastIndexOf('.') + 1)] ?? 'plaintext', text);
  await client.waitForReady(folder, { since });
  return { uri, text };
}

/** An unsaved edit, then the status that says the index has it. */
async function edit(uri: string, text: string): Promise<StatusParams> {
  const since = client.mark();
  await client.change(uri, text);
  return client.waitForReady(folder, { since });
}

async function closeDoc(uri: string): Promise<void> {
  const since = client.mark();
  await client.close(uri);
  await client.waitForReady(folder, { since });
}

async function hoverAt(uri: string, text: string, needle: string, delta = 0, occurrence = 0): Promise<Hover | null> {
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, delta, occurrence) });
}

function markdownOf(h: Hover | null): string {
  expect(h).not.toBeNull();
  return (h!.contents as MarkupContent).value;
}

/** A term's definition in glossary.yml (or serving/glossary.yml), as the file states it. */
function yamlDefinition(rel: string, name: string): string {
  const doc = parseYaml(read(rel)) as { terms: { name: string; definition: string }[] };
  const t = doc.terms.find((x) => x.name === name);
  if (!t) throw new Error(`${name} is not in ${rel}`);
  return t.definition;
}

/** A term's definition in the markdown definition list of docs/glossary.md: the `: ` line and its indented continuation. */
function markdownDefinition(name: string): string {
  const lines = read('docs/glossary.md').split('\n');
  let i = lines.indexOf(name);
  if (i < 0) throw new Error(`${name} is not in docs/glossary.md`);
  while (!lines[i].startsWith(': ')) i++;
  const parts = [lines[i].slice(2)];
  while (/^ {2}\S/.test(lines[i + 1] ?? '')) parts.push(lines[++i].trim());
  return parts.join(' ');
}

function diagnosticsOf(rel: string): Diagnostic[] {
  return client.diagnostics.get(uriOf(rel)) ?? [];
}

beforeAll(async () => {
  ({ repo, uri: folder } = materialiseExample());
  head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  if (mode === 'spawned') ensureServerBuilt();
  client = mode === 'in-process' ? TestClient.inProcess({ deps: { now: () => new Date(`${TODAY}T09:00:00Z`) } }) : TestClient.spawn(SERVER_MAIN);
  const result = await client.initialize({ folders: [{ uri: folder, name: 'data-platform' }] });
  expect(result.capabilities.hoverProvider).toBe(true);
  ready = await client.waitForReady(folder);
});

afterAll(async () => {
  await client?.shutdown();
  if (repo) fs.rmSync(path.dirname(repo), { recursive: true, force: true });
});

describe('start-up', () => {
  it('reports a ready index with the counts of the example and git history', async () => {
    const glossaryTerms =
      (parseYaml(read('glossary.yml')) as { terms: unknown[] }).terms.length +
      (parseYaml(read('serving/glossary.yml')) as { terms: unknown[] }).terms.length;
    expect(ready).toMatchObject({ folder, state: 'ready', decisions: DECISIONS, views: 4, history: { state: 'ready' }, limited: false });
    // The two YAML glossaries plus the markdown one (which defines more than half of the 38 shared terms).
    expect(ready.terms).toBeGreaterThan(glossaryTerms);
    expect(ready.stale).toBeGreaterThan(0);
    // The conflicting definitions of 'freshness' in the two root glossaries.
    expect(ready.problems).toBeGreaterThanOrEqual(1);
    const first = client.statuses(folder)[0];
    expect(first.state).toBe('indexing');
  });

  it('asks for a progress token, reports begin and end on it, and pulls the folder settings', () => {
    const created = client.events.find((e) => e.kind === 'progressCreate');
    expect(created).toBeDefined();
    const token = created!.kind === 'progressCreate' ? created!.token : undefined;
    const kinds = client.events.flatMap((e) => (e.kind === 'progress' && e.token === token ? [e.value.kind] : []));
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(client.events.some((e) => e.kind === 'configuration' && e.scopeUris.includes(folder))).toBe(true);
    const registered = client.events.flatMap((e) => (e.kind === 'register' ? e.registrations.map((r) => r.method) : []));
    expect(registered).toContain('workspace/didChangeWatchedFiles');
    expect(registered).toContain('workspace/didChangeConfiguration');
  });
});

describe('hover', () => {
  it('explains a glossary term inside a Python identifier, from the YAML glossary', async () => {
    const { uri, text } = await open('serving/reverse_etl/reverse_etl_job.py');
    const h = await hoverAt(uri, text, 'run_reverse_etl_job', 6);
    const value = markdownOf(h);
    expect(value.startsWith(`**reverse ETL**\n\n${yamlDefinition('glossary.yml', 'reverse ETL')}\n\n`)).toBe(true);
    expect(value).toContain('Avoid: data activation');
    expect(value).toContain(`Defined in [glossary.yml:`);
    // The range is the identifier part that names the term.
    const start = positionOf(text, 'run_reverse_etl_job', 4);
    expect(h!.range).toEqual({ start, end: { line: start.line, character: start.character + 'reverse_etl_job'.length } });
  });

  it('explains a term inside a TypeScript camelCase identifier, from the markdown glossary', async () => {
    const { uri, text } = await open('console/src/cdcEvents.ts');
    const value = markdownOf(await hoverAt(uri, text, 'cdcEventSink', 1));
    expect(value.startsWith(`**CDC**\n\n${markdownDefinition('CDC')}\n\n`)).toBe(true);
    expect(value).toContain('Also: Change Data Capture');
  });

  it('explains terms in SQL comments', async () => {
    const { uri, text } = await open('dbt/models/marts/fct_orders.sql');
    expect(markdownOf(await hoverAt(uri, text, 'Gold layer', 2))).toContain(`**gold layer**\n\n${yamlDefinition('glossary.yml', 'gold layer')}`);
    expect(markdownOf(await hoverAt(uri, text, 'watermark', 3))).toContain(`**watermark**\n\n${markdownDefinition('watermark')}`);
  });

  it('explains a term in a YAML comment, and a decision reference in the same comment', async () => {
    const { uri, text } = await open('deploy/helm/kafka-connect/values.yaml');
    expect(markdownOf(await hoverAt(uri, text, 'binlog', 2))).toContain(`**binlog**\n\n${markdownDefinition('binlog')}`);
    const h = await hoverAt(uri, text, 'ADR-0007', 4);
    const value = markdownOf(h);
    expect(value.split('\n\n').slice(0, 2)).toEqual([
      '**ADR-0007 Kafka Connect and Debezium for change data capture**',
      'Accepted · 2024-05-14 · Deciders: Priya Raman, Kwame Mensah',
    ]);
    expect(value).toContain('Chosen option: "Debezium source connectors on Kafka Connect"');
    const start = positionOf(text, 'ADR-0007');
    expect(h!.range).toEqual({ start, end: { line: start.line, character: start.character + 8 } });
  });

  it('explains terms in JSON strings, preferring the folder glossary outside serving/', async () => {
    const { uri, text } = await open('connect/debezium/orders-postgres-source.json');
    expect(markdownOf(await hoverAt(uri, text, 'CDC from'))).toContain(`**CDC**\n\n${markdownDefinition('CDC')}`);
    expect(markdownOf(await hoverAt(uri, text, '"snapshot.mode"', 3))).toContain(`**snapshot**\n\n${markdownDefinition('snapshot')}`);
  });

  it('explains terms in markdown, the longest term winning', async () => {
    const rel = 'docs/architecture/component-and-connector-view.md';
    const { uri, text } = await open(rel);
    expect(markdownOf(await hoverAt(uri, text, 'bronze layer and the warehouse', 3))).toContain(
      `**bronze layer**\n\n${yamlDefinition('glossary.yml', 'bronze layer')}`,
    );
    // "ETL" alone is a term too; "Reverse ETL job" is the longest name there (the alias reverse_etl_job).
    const h = await hoverAt(uri, text, '| Reverse ETL job', 'Reverse E'.length + 2);
    expect(markdownOf(h)).toContain(`**reverse ETL**\n\n${yamlDefinition('glossary.yml', 'reverse ETL')}`);
    const start = positionOf(text, '| Reverse ETL job', 2);
    expect(h!.range).toEqual({ start, end: { line: start.line, character: start.character + 'Reverse ETL job'.length } });
  });

  it('uses the serving glossary for a term it redefines inside serving/', async () => {
    const { uri, text } = await open('serving/reverse_etl/reverse_etl_job.py');
    // The folder glossary wins inside its folder: an unsaved comment in a serving file says "snapshot".
    const edited = text.replace('import logging', '# Take a snapshot before syncing.\nimport logging');
    await edit(uri, edited);
    expect(markdownOf(await hoverAt(uri, edited, 'snapshot', 2))).toContain(`**snapshot**\n\n${yamlDefinition('serving/glossary.yml', 'snapshot')}`);
    await closeDoc(uri);
  });
});

describe('navigation', () => {
  it('goes from a reference to the decision file, at its title', async () => {
    const { uri, text } = await open('serving/reverse_etl/reverse_etl_job.py');
    const result = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'ADR-0009', 3),
    })) as Location[];
    const target = 'docs/adr/0009-reverse-etl-into-the-serving-store.md';
    expect(result).toHaveLength(1);
    expect(result[0].uri).toBe(uriOf(target));
    expect(lineOf(read(target), result[0].range.start.line)).toBe('# 9. Reverse ETL into the serving store');
    // The title is selected, not an empty range at the start of the line.
    const r = result[0].range;
    expect(lineOf(read(target), r.start.line).slice(r.start.character, r.end.character)).toBe('9. Reverse ETL into the serving store');
  });

  it('outlines a decision file: its title, status and sections', async () => {
    const { uri } = await open('docs/adr/0009-reverse-etl-into-the-serving-store.md');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['ADR-0009 Reverse ETL into the serving store']);
    expect(symbols[0].children!.map((c) => c.name)).toEqual(expect.arrayContaining(['Status: accepted', 'Context', 'Decision', 'Consequences']));
  });

  it('lists every file citing a decision and every file it governs', async () => {
    const { uri, text } = await open('connect/debezium/orders-postgres-source.json');
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'ADR-0007', 2),
      context: { includeDeclaration: true },
    }))!;
    const files = new Set(refs.map((r) => r.uri.slice(folder.length + 1)));
    // Every file that names decision 7 in any of the forms the example uses, found independently with git grep.
    // YAML glossaries are not scanned for references by the index (core/analyse.ts), so glossary.yml, whose
    // definition of ETL mentions ADR-0007, is left out.
    const citing = execFileSync('git', ['grep', '-l', '-E', 'ADR-0007|@adr 7\\b|0007-kafka-connect-and-debezium-for-cdc\\.md'], { cwd: repo, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && f !== 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md' && f !== 'glossary.yml');
    expect(citing.length).toBeGreaterThan(5);
    for (const f of citing) expect(files, f).toContain(f);
    // Governed by connect/debezium/** and deploy/helm/kafka-connect/**.
    for (const f of ['connect/debezium/customers-mysql-source.json', 'connect/debezium/orders-postgres-source.json', 'deploy/helm/kafka-connect/values.yaml']) {
      expect(files).toContain(f);
    }
    expect(files).toContain('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md');
    // The TypeScript console cites it as `@adr 7`; the reference range covers exactly that.
    const ts = read('console/src/cdcEvents.ts');
    const tsRef = refs.find((r) => r.uri === uriOf('console/src/cdcEvents.ts'))!;
    const start = positionOf(ts, '@adr 7');
    expect(tsRef.range).toEqual({ start, end: { line: start.line, character: start.character + 6 } });
  });

  it('links each decision reference to its file, and hints the cited title after a bare reference in code', async () => {
    const { uri, text } = await open('deploy/helm/kafka-connect/values.yaml');
    const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }))!;
    // "# governed by ADR-0011; connector choices in ADR-0007, DLQ settings in ADR-0008."
    const cited = [...text.matchAll(/ADR-(\d{4})/g)].map((m) => m[1]);
    expect(cited).toEqual(['0011', '0007', '0008']);
    const files = fs.readdirSync(path.join(repo, 'docs/adr'));
    const targets = cited.map((n) => `docs/adr/${files.find((f) => f.startsWith(n))}`);
    // Each link opens the decision at its title (#L is 1-based, as editors read it).
    expect(links.map((l) => l.target!.replace(/#L\d+$/, ''))).toEqual(targets.map(uriOf));
    links.forEach((l, i) => expect(lineOf(read(targets[i]), Number(/#L(\d+)$/.exec(l.target!)![1]) - 1)).toMatch(/^# /));
    const start = positionOf(text, 'ADR-0007');
    expect(links[1].range).toEqual({ start, end: { line: start.line, character: start.character + 8 } });

    const hints = (await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    }))!;
    const ref = hints.find((h) => h.position.line === start.line && h.position.character === start.character + 8);
    expect(ref).toBeDefined();
    const label = typeof ref!.label === 'string' ? ref!.label : ref!.label.map((p) => p.value).join('');
    // The title, cut at a word boundary to keep the line readable, and the status.
    expect(label).toBe('Kafka Connect and Debezium for change… (accepted)');
  });

  it('lists every use of a glossary term across file types', async () => {
    const { uri, text } = await open('serving/reverse_etl/reverse_etl_job.py');
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'run_reverse_etl_job', 6),
      context: { includeDeclaration: true },
    }))!;
    const files = new Set(refs.map((r) => r.uri.slice(folder.length + 1)));
    expect(refs[0].uri).toBe(uriOf('glossary.yml'));
    for (const f of ['serving/reverse_etl/reverse_etl_job.py', 'airflow/dags/reverse_etl_sync.py', 'docs/architecture/component-and-connector-view.md', 'docs/adr/0009-reverse-etl-into-the-serving-store.md']) {
      expect(files).toContain(f);
    }
    // Each range covers the matched words, whatever their spelling.
    for (const r of refs.slice(1)) {
      const matched = lineOf(read(r.uri.slice(folder.length + 1)), r.range.start.line).slice(r.range.start.character, r.range.end.character);
      expect(matched.toLowerCase().replace(/[-_ ]+/g, ' ')).toMatch(/^reverse etl( job)?s?$/);
    }
  });

  it('shows code lens on a governed file naming its decisions, view elements and staleness', async () => {
    const { uri } = await open('connect/debezium/orders-postgres-source.json');
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!;
    // Most important first: ADR-0007 and the component-and-connector view are both stale (the connector commits of
    // 2025-02-11, 03-04, 03-25 and the Helm values of 04-14, after 2024-11-18), so the first lens picks between them.
    expect(lenses.map((l) => l.command?.title)).toEqual(['⚠ 2 documents are behind', 'Governed by ADR-0007, ADR-0012', 'Documented in 2 views']);
    expect(lenses[0].command).toMatchObject({ command: 'archlens.pickTarget' });
    expect(lenses[0].command!.arguments![1]).toEqual([
      { label: 'ADR-0007 is 4 commits behind', uri: uriOf('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md'), line: expect.any(Number), action: 'showChanges' },
      { label: 'Component-and-connector view is 4 commits behind', uri: uriOf('docs/architecture/component-and-connector-view.md'), line: expect.any(Number), action: 'showChanges' },
    ]);
    expect(lenses[1].command!.arguments![1][0]).toMatchObject({ label: 'ADR-0007 Kafka Connect and Debezium for change data capture', uri: uriOf('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md'), line: 14, action: 'open' });
  });

  it('finds decisions, terms and view elements as workspace symbols', async () => {
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'kafka connect' })) as SymbolInformation[];
    const names = symbols.map((s) => s.name);
    // The exact name first, then the decision and the view element that contain it.
    expect(names[0]).toBe('Kafka Connect');
    expect(names.slice(1, 4)).toEqual(expect.arrayContaining(['ADR-0007 Kafka Connect and Debezium for change data capture', 'Kafka Connect workers']));
    const decision = symbols.find((s) => s.name.startsWith('ADR-0007'))!;
    expect(decision.location.uri).toBe(uriOf('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md'));
    const term = symbols.find((s) => s.name === 'Kafka Connect')!;
    expect(lineOf(read('docs/glossary.md'), term.location.range.start.line)).toBe('Kafka Connect');
  });
});

describe('completion', () => {
  it('offers every decision after ADR-00, the retired ones last and marked', async () => {
    const rel = 'airflow/dags/orders_backfill.py';
    const { uri, text } = await open(rel);
    const typed = `${text}# see ADR-00`;
    await edit(uri, typed);
    const lines = typed.split('\n');
    const position = { line: lines.length - 1, character: lines.at(-1)!.length };
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    const items = (Array.isArray(result) ? result : result!.items) as CompletionItem[];
    expect(items).toHaveLength(DECISIONS);
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    // The platform log's decisions come after this repository's, labelled with their source.
    expect(sorted.slice(OWN_DECISIONS - 4, OWN_DECISIONS - 4 + 2).map((i) => [i.label, i.detail])).toEqual([
      ['ADR-0101 Keep platform decisions in one log', 'accepted · from platform'],
      ['ADR-0102 Close deleted records in history tables', 'accepted · from platform'],
    ]);
    const retired = ['ADR-0003', 'ADR-0005', 'ADR-0006', 'ADR-0010'];
    expect(sorted.slice(-4).map((i) => i.label.slice(0, 8))).toEqual(retired);
    for (const item of sorted.slice(-4)) expect(item.tags).toEqual([1]);
    expect(sorted[0].label).toBe('ADR-0001 Record architecture decisions');
    // Accepting an item completes the typed number in place.
    const accepted = applyTextEdits(typed, [sorted[0].textEdit as TextEdit]);
    expect(accepted.split('\n').at(-1)).toBe('# see ADR-0001');
    // The decision's documentation comes with the item the editor resolves, not with every item of the list.
    expect(sorted[0].documentation).toBeUndefined();
    const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, sorted[0]);
    expect(JSON.stringify(resolved.documentation)).toContain('Record architecture decisions');
    await closeDoc(uri);
  });
});

describe('diagnostics', () => {
  it('publishes superseded, unknown and stale findings for files nobody opened', () => {
    const superseded = diagnosticsOf('airflow/dags/orders_backfill.py');
    const backfill = read('airflow/dags/orders_backfill.py');
    const at = positionOf(backfill, 'ADR-0003');
    expect(superseded).toEqual([
      expect.objectContaining({
        code: 'superseded-decision',
        severity: DiagnosticSeverity.Information,
        range: { start: at, end: { line: at.line, character: at.character + 8 } },
        message: 'ADR-0003 Nightly batch ingestion with Airflow is superseded by ADR-0007 Kafka Connect and Debezium for change data capture',
      }),
    ]);
    const unknown = diagnosticsOf('dbt/models/marts/fct_orders.sql');
    expect(unknown.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['unknown-decision', DiagnosticSeverity.Warning, 'Unknown decision ADR-0042: no decision has number 42'],
    ]);
    // One warning per stale document, on the document; the changed connector is its related information.
    expect(diagnosticsOf('connect/debezium/orders-postgres-source.json').map((d) => d.code)).not.toContain('stale-documentation');
    const stale = diagnosticsOf('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md').filter((d) => d.code === 'stale-documentation');
    expect(stale.length).toBe(1);
    expect(stale[0].severity).toBe(DiagnosticSeverity.Warning);
    expect(stale[0].message).toContain("'Raise Kafka Connect worker heap to 3 GiB'");
    expect(stale[0].relatedInformation?.map((r) => r.message)).toContain('connect/debezium/orders-postgres-source.json changed since the document');
    // The fresh and the reviewed decisions are not stale.
    expect(diagnosticsOf('docs/adr/0012-incremental-snapshots-for-debezium.md').map((d) => d.code)).not.toContain('stale-documentation');
    expect(diagnosticsOf('docs/adr/0008-dead-letter-queues-for-sink-connectors.md').map((d) => d.code)).not.toContain('stale-documentation');
    // The README cites both.
    const readme = diagnosticsOf('README.md').map((d) => d.code);
    expect(readme).toContain('superseded-decision');
    expect(readme).toContain('unknown-decision');
  });

  it('applies the superseded quick fix, and the diagnostic goes once the edit is in the document', async () => {
    const rel = 'airflow/dags/orders_backfill.py';
    const { uri, text } = await open(rel);
    const diagnostics = diagnosticsOf(rel);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'superseded-decision');
    expect(fix).toBeDefined();
    const fixed = applyTextEdits(text, fix!.edit!.changes![uri]);
    const line = positionOf(text, 'ADR-0003').line;
    expect(lineOf(fixed, line)).toBe('# ADR-0007: backfills run inside the nightly batch window so they never compete with the day\'s load.');
    expect(fixed.split('\n').filter((l, i) => l !== text.split('\n')[i])).toHaveLength(1);
    const since = client.mark();
    await client.change(uri, fixed);
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'superseded-decision'), { since });
    await client.waitForReady(folder, { since });
    const back = client.mark();
    await client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'superseded-decision'), { since: back });
    await client.waitForReady(folder, { since: back });
  });

  it('marks a stale decision reviewed through the server command, as an edit of its front matter', async () => {
    const rel = 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md';
    const text = read(rel);
    const since = client.mark();
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'archlens.markReviewed', arguments: [uriOf(rel)] });
    const [applied] = client.appliedEdits(since);
    expect(applied.label).toBe('Mark as reviewed');
    const result = applyTextEdits(text, applied.edit.changes![uriOf(rel)]);
    const frontMatter = result.slice(0, result.indexOf('\n---\n', 4));
    expect(frontMatter.split('\n').slice(-2)).toEqual([`reviewed: ${TODAY}`, `reviewed-commit: ${head}`]);
    // Nothing else in the document changes.
    expect(result.replace(`reviewed: ${TODAY}\nreviewed-commit: ${head}\n`, '')).toBe(text);
  });
});

describe('settings', () => {
  it('turns a diagnostic off and code lens off without a restart, then back on', async () => {
    const backfill = uriOf('airflow/dags/orders_backfill.py');
    const { uri } = await open('connect/debezium/orders-postgres-source.json');
    let since = client.mark();
    client.settings = { [folder]: { severity: { 'superseded-decision': 'off' }, codeLens: { enabled: false } } };
    await client.changeConfiguration();
    await client.waitForDiagnostics(backfill, (d) => d.length === 0, { since });
    await client.waitForReady(folder, { since });
    expect(client.events.slice(since).some((e) => e.kind === 'configuration' && e.scopeUris.includes(folder))).toBe(true);
    expect(client.events.slice(since).some((e) => e.kind === 'codeLensRefresh')).toBe(true);
    expect(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).toEqual([]);
    // The unknown decision is another code: still reported.
    expect(diagnosticsOf('dbt/models/marts/fct_orders.sql').map((d) => d.code)).toEqual(['unknown-decision']);

    since = client.mark();
    client.settings = { [folder]: { severity: { 'superseded-decision': 'error' } } };
    await client.changeConfiguration();
    const back = await client.waitForDiagnostics(backfill, (d) => d.length > 0, { since });
    expect(back.map((d) => [d.code, d.severity])).toEqual([['superseded-decision', DiagnosticSeverity.Error]]);
    await client.waitForReady(folder, { since });
    expect((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!.length).toBeGreaterThan(0);

    since = client.mark();
    client.settings = {};
    await client.changeConfiguration();
    await client.waitForDiagnostics(backfill, (d) => d[0]?.severity === DiagnosticSeverity.Information, { since });
    await client.waitForReady(folder, { since });
    await closeDoc(uri);
  });
});

describe('changes', () => {
  it('indexes a decision file added on disk and forgets it when deleted', async () => {
    const rel = 'docs/adr/0017-iceberg-rest-catalog.md';
    const file = path.join(repo, rel);
    fs.writeFileSync(file, '# 17. Iceberg REST catalog\n\nDate: 2025-06-01\n\n## Status\n\nProposed\n\n## Decision\n\nUse a REST catalog for the lakehouse tables.\n');
    let since = client.mark();
    await client.filesChanged([{ uri: uriOf(rel), type: FileChangeType.Created }]);
    const added = await client.waitForReady(folder, { since });
    expect(added.decisions).toBe(DECISIONS + 1);
    const decisions = await client.connection.sendRequest(DecisionsRequest, { folder });
    expect(decisions.find((d) => d.number === 17)).toMatchObject({ title: 'Iceberg REST catalog', status: 'proposed', path: rel });

    fs.rmSync(file);
    since = client.mark();
    await client.filesChanged([{ uri: uriOf(rel), type: FileChangeType.Deleted }]);
    expect((await client.waitForReady(folder, { since })).decisions).toBe(DECISIONS);
  });

  it('follows a folder of decisions moved in and deleted, each reported as one event', async () => {
    // Watchers report a folder created, moved in or deleted as a single event for the folder.
    const dir = path.join(repo, 'docs/adr/archive');
    const moved = path.join(path.dirname(repo), 'archive');
    fs.mkdirSync(path.join(moved, 'old'), { recursive: true });
    fs.writeFileSync(path.join(moved, '0018-retire-the-nightly-batch.md'), '# 18. Retire the nightly batch\n\nDate: 2025-05-01\n\n## Status\n\nAccepted\n');
    fs.writeFileSync(path.join(moved, 'old/0019-keep-csv-exports.md'), '# 19. Keep CSV exports\n\nDate: 2025-05-02\n\n## Status\n\nRejected\n');
    fs.renameSync(moved, dir);
    let since = client.mark();
    await client.filesChanged([{ uri: uriOf('docs/adr/archive'), type: FileChangeType.Created }]);
    expect((await client.waitForReady(folder, { since })).decisions).toBe(DECISIONS + 2);
    const titles = (await client.connection.sendRequest(DecisionsRequest, { folder })).filter((d) => !d.source && d.number! > OWN_DECISIONS).map((d) => d.title);
    expect(titles.sort()).toEqual(['Keep CSV exports', 'Retire the nightly batch']);

    fs.rmSync(dir, { recursive: true });
    since = client.mark();
    await client.filesChanged([{ uri: uriOf('docs/adr/archive'), type: FileChangeType.Deleted }]);
    expect((await client.waitForReady(folder, { since })).decisions).toBe(DECISIONS);
  });

  it('reads .archlens.yml again when it changes, with the editor settings over it', async () => {
    const backfill = uriOf('airflow/dags/orders_backfill.py');
    const config = path.join(repo, '.archlens.yml');
    const original = fs.readFileSync(config, 'utf8');
    fs.writeFileSync(config, `${original}severity:\n  superseded-decision: "off"\n`);
    let since = client.mark();
    await client.filesChanged([{ uri: uriOf('.archlens.yml'), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(backfill, (d) => d.length === 0, { since });
    await client.waitForReady(folder, { since });

    // An editor setting that differs from the default wins over the repository's file.
    since = client.mark();
    client.settings = { [folder]: { severity: { 'superseded-decision': 'warning' } } };
    await client.changeConfiguration();
    const back = await client.waitForDiagnostics(backfill, (d) => d.length > 0, { since });
    expect(back.map((d) => [d.code, d.severity])).toEqual([['superseded-decision', DiagnosticSeverity.Warning]]);
    await client.waitForReady(folder, { since });

    fs.writeFileSync(config, original);
    client.settings = {};
    since = client.mark();
    await client.filesChanged([{ uri: uriOf('.archlens.yml'), type: FileChangeType.Changed }]);
    await client.waitForReady(folder, { since });
    since = client.mark();
    await client.changeConfiguration();
    await client.waitForDiagnostics(backfill, (d) => d[0]?.severity === DiagnosticSeverity.Information, { since });
    await client.waitForReady(folder, { since });
  });

  it('reflects an unsaved edit of an open decision before it is saved', async () => {
    const rel = 'docs/adr/0009-reverse-etl-into-the-serving-store.md';
    const { uri, text } = await open(rel);
    const status = await edit(uri, text.replace('# 9. Reverse ETL into the serving store', '# 9. Reverse ETL into the feature store'));
    expect(status.decisions).toBe(DECISIONS);
    const decisions = await client.connection.sendRequest(DecisionsRequest, { folder });
    expect(decisions.find((d) => d.number === 9)?.title).toBe('Reverse ETL into the feature store');
    // A hover elsewhere shows the new title, though the file on disk has the old one.
    const job = await open('serving/reverse_etl/reverse_etl_job.py');
    expect(markdownOf(await hoverAt(job.uri, job.text, 'ADR-0009', 1))).toContain('**ADR-0009 Reverse ETL into the feature store**');
    expect(read(rel)).toBe(text);
    await closeDoc(uri);
    const restored = await client.connection.sendRequest(DecisionsRequest, { folder });
    expect(restored.find((d) => d.number === 9)?.title).toBe('Reverse ETL into the serving store');
    await closeDoc(job.uri);
  });
});

describe('open documents and staleness', () => {
  const rel = 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md';
  const staleOnItself = () => diagnosticsOf(rel).filter((d) => d.code === 'stale-documentation').length;

  it('keeps a stale decision stale when an editor reopens it unchanged at a later version', async () => {
    expect(staleOnItself()).toBe(1);
    const uri = uriOf(rel);
    const text = read(rel);
    let since = client.mark();
    // VS Code reopens its editors at their current version when the server restarts.
    await client.open(uri, 'markdown', text, 7);
    const opened = await client.waitForReady(folder, { since });
    expect(opened.stale).toBe(ready.stale);
    expect(staleOnItself()).toBe(1);

    // An unsaved edit counts as an update of the document: it is not stale while being edited.
    since = client.mark();
    await client.change(uri, text.replace('## Context and Problem Statement', '## Context and problem statement'));
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'stale-documentation'), { since });
    expect((await client.waitForReady(folder, { since })).stale).toBe(ready.stale - 1);

    since = client.mark();
    await client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'stale-documentation'), { since });
    expect((await client.waitForReady(folder, { since })).stale).toBe(ready.stale);
  });
});

describe('hostile documents', () => {
  it('neither scans nor floods diagnostics for open documents over the size limit', async () => {
    // 20 MB citing a superseded decision on every line: once published as 190,000 diagnostics after seconds of work.
    const line = 'INFO connector orders-postgres-source committed offset; see ADR-0003 for the CDC dataset\n';
    const text = line.repeat(Math.ceil(20e6 / line.length));
    const log = uriOf('logs/connect-worker.log');
    const doc = uriOf('docs/connect-worker-log.md');
    let since = client.mark();
    await client.open(log, 'log', text);
    await client.waitForReady(folder, { since });
    since = client.mark();
    await client.open(doc, 'markdown', text);
    const status = await client.waitForReady(folder, { since });
    expect(client.diagnostics.get(log) ?? []).toEqual([]);
    expect(client.diagnostics.get(doc)?.map((d) => [d.code, d.range.start.line])).toEqual([['file-too-large', 0]]);
    expect(status.problems).toBe(ready.problems + 1);
    // Hovers still answer on the line under the cursor.
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: log }, position: positionOf(line, 'CDC', 1, 0) });
    expect(markdownOf(h).split('\n\n')[0]).toBe('**CDC**');
    await closeDoc(log);
    await closeDoc(doc);
    expect(client.diagnostics.get(doc)).toEqual([]);
  });
});

describe('custom requests', () => {
  it('archlens/decisions lists the 16 decisions and the 2 of the platform log with their relations', async () => {
    const decisions: DecisionItem[] = await client.connection.sendRequest(DecisionsRequest, {});
    expect(decisions.map((d) => d.number).sort((a, b) => a! - b!)).toEqual([...Array.from({ length: OWN_DECISIONS }, (_, i) => i + 1), ...PLATFORM_DECISIONS]);
    expect(decisions.filter((d) => d.source).map((d) => [d.number, d.source, d.path])).toEqual([
      [101, 'platform', 'platform:docs/adr/0101-keep-platform-decisions-in-one-log.md'],
      [102, 'platform', 'platform:docs/adr/0102-close-deleted-records-in-history-tables.md'],
    ]);
    const d3 = decisions.find((d) => d.number === 3)!;
    expect(d3.status).toBe('superseded');
    expect(d3.supersededBy.map((r) => r.label)).toEqual(['ADR-0007 (Kafka Connect and Debezium for change data capture)']);
    const d7 = decisions.find((d) => d.number === 7)!;
    expect(d7).toMatchObject({ governs: ['connect/debezium/**', 'deploy/helm/kafka-connect/**'], deciders: ['Priya Raman', 'Kwame Mensah'], date: '2024-05-14' });
  });

  it('archlens/views lists the four views, each element path checked against the disk', async () => {
    const views = await client.connection.sendRequest(ViewsRequest, { folder });
    expect(views.map((v) => v.title).sort()).toEqual(['Component-and-connector view', 'Data pipeline view', 'Deployment View', 'Module view'].sort());
    let literals = 0;
    for (const v of views) {
      for (const e of v.elements) {
        for (const p of e.paths) {
          if (/[*?[{]/.test(p.pattern)) continue;
          literals++;
          expect(p.exists, `${v.title} › ${e.name}: ${p.pattern}`).toBe(fs.existsSync(path.join(repo, p.pattern)));
          expect(p.uri).toBe(uriOf(p.pattern.replace(/^\.\//, '').replace(/\/$/, '')));
        }
      }
    }
    expect(literals).toBeGreaterThan(10);
    const cc = views.find((v) => v.title === 'Component-and-connector view')!;
    expect(cc.elements.find((e) => e.name === 'Sink connectors')?.paths).toEqual([{ pattern: 'connect/sinks/**', uri: undefined, exists: true }]);
  });

  it('archlens/forFile names the governing and cited decisions, the view elements and the stale findings', async () => {
    const r = await client.connection.sendRequest(ForFileRequest, { uri: uriOf('connect/debezium/orders-postgres-source.json') });
    expect(r.governedBy.map((d) => d.number)).toEqual([7, 12]);
    expect(r.cites.map((d) => d.number).sort()).toEqual([12, 7].sort());
    expect(r.elements.map((e) => `${e.view} › ${e.element}`)).toEqual([
      'Component-and-connector view › Debezium source connectors',
      'Data pipeline view › CDC source connectors',
    ]);
    expect(r.stale.map((s) => s.commitCount)).toEqual([4, 4]);
  });

  it('archlens/newDecision returns one edit that creates the next number', async () => {
    const r = await client.connection.sendRequest(NewDecisionRequest, { title: 'Use an Iceberg REST catalog', template: 'nygard' });
    // The next number of this repository's log: the platform log's 101 and 102 are numbers of another log.
    expect(r.number).toBe(OWN_DECISIONS + 1);
    expect(r.uri).toBe(uriOf('docs/adr/0017-use-an-iceberg-rest-catalog.md'));
    const [create, content] = r.edit.documentChanges!;
    expect(create).toMatchObject({ kind: 'create', uri: r.uri });
    const text = (content as TextDocumentEdit).edits[0].newText;
    expect(text.split('\n')[0]).toBe('# 17. Use an Iceberg REST catalog');
    expect(text).toContain(TODAY);
    expect(fs.existsSync(path.join(repo, 'docs/adr/0017-use-an-iceberg-rest-catalog.md'))).toBe(false);
  });

  it('archlens/changesSince diffs the governed code from the stale document\'s last commit', async () => {
    const r = await client.connection.sendRequest(ChangesSinceRequest, { docUri: uriOf('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md') });
    const base = execFileSync('git', ['log', '-1', '--format=%H', '--', 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md'], { cwd: repo, encoding: 'utf8' }).trim();
    expect(r.base).toBe(base);
    expect(r.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['connect/debezium/orders-postgres-source.json', 'connect/debezium/customers-mysql-source.json', 'deploy/helm/kafka-connect/values.yaml']),
    );
    expect(r.diff).toContain('+    "snapshot.fetch.size": "10240"');
    expect(r.diff).toContain('-Xms3g -Xmx3g');
  });
});
}
