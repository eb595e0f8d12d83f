// The onboarding requests over the protocol, against the example repository: "Why…?" (archlens/why), a term hover
// that lists the decisions about the term, the Glossary view's decisions per term, the decision graph for the panel
// and the tour for the walkthrough, every location a real file and line of the workspace.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlossaryRequest, GraphRequest, TourRequest, WhyRequest } from '../../server/src/protocol';
import { materialiseExample, positionOf, TestClient } from './client';

let root: string;
let repo: string;
let uri: string;
let client: TestClient;

beforeAll(async () => {
  ({ root, repo, uri } = materialiseExample());
  client = TestClient.inProcess();
  await client.initialize({ folders: [{ uri, name: 'data-platform' }] });
  await client.waitForReady(uri);
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const lineAt = (fileUri: string, line: number) => fs.readFileSync(fileURLToPath(fileUri), 'utf8').split('\n')[line - 1];

describe('archlens/why', () => {
  it('answers with the decision, the sentence and its line', async () => {
    const answers = await client.connection.sendRequest(WhyRequest, { question: 'why do we use debezium', folder: uri });
    expect(answers[0]).toMatchObject({
      label: 'ADR-0007 Kafka Connect and Debezium for change data capture',
      status: 'accepted',
      path: 'docs/adr/0007-kafka-connect-and-debezium-for-cdc.md',
      section: 'decision',
    });
    expect(answers[0].uri).toBe(`${uri}/docs/adr/0007-kafka-connect-and-debezium-for-cdc.md`);
    expect(lineAt(answers[0].uri, answers[0].line)).toContain(answers[0].sentence!.slice(0, 15));
  });

  it('puts a superseded decision after its successor and names the successor', async () => {
    const answers = await client.connection.sendRequest(WhyRequest, { question: 'why a nightly batch', limit: 5 });
    const labels = answers.map((a) => a.label.slice(0, 8));
    expect(labels.indexOf('ADR-0007')).toBeLessThan(labels.indexOf('ADR-0003'));
    expect(answers.find((a) => a.label.startsWith('ADR-0003'))?.supersededBy.map((d) => d.label)).toEqual([
      'ADR-0007 Kafka Connect and Debezium for change data capture',
    ]);
  });

  it('answers an empty or unknown question with nothing, and caps the limit', async () => {
    expect(await client.connection.sendRequest(WhyRequest, { question: '' })).toEqual([]);
    expect(await client.connection.sendRequest(WhyRequest, { question: 'why redshift' })).toEqual([]);
    expect((await client.connection.sendRequest(WhyRequest, { question: 'why kafka', limit: 1e9 })).length).toBeLessThanOrEqual(50);
  });
});

describe('term hover and Glossary view list the decisions about a term', () => {
  it('hovering Debezium in a connector config lists ADR-0007 and ADR-0012 with links to their title lines', async () => {
    const file = 'connect/debezium/orders-postgres-source.json';
    const text = fs.readFileSync(path.join(repo, file), 'utf8');
    const fileUri = `${uri}/${file}`;
    await client.open(fileUri, 'json', text);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fileUri }, position: positionOf(text, 'io.debezium', 4) });
    const value = (h!.contents as MarkupContent).value;
    expect(value.split('\n\n')[0]).toBe('**Debezium**');
    const listed = value.slice(value.indexOf('Decisions about it:')).split('\n').filter((l) => l.startsWith('- ['));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(3);
    expect(listed[0]).toBe(`- [ADR-0007 Kafka Connect and Debezium for change data capture](${uri}/docs/adr/0007-kafka-connect-and-debezium-for-cdc.md#L14) (accepted)`);
    expect(listed.join('\n')).toContain('ADR-0012 Incremental snapshots for Debezium connectors');
  });

  it('the Glossary view gets the same decisions per term, and how many more there are', async () => {
    const terms = await client.connection.sendRequest(GlossaryRequest, { folder: uri });
    const debezium = terms.find((t) => t.term === 'Debezium')!;
    expect(debezium.decisions?.[0]?.label).toBe('ADR-0007 Kafka Connect and Debezium for change data capture');
    const helm = terms.find((t) => t.term.toLowerCase() === 'helm chart' || t.term === 'Helm');
    if (helm) expect(helm.decisions?.map((d) => d.label)).toContain('ADR-0011 One Helm chart per service');
    for (const t of terms) {
      expect(t.decisions!.length).toBeLessThanOrEqual(3);
      if (t.moreDecisions) expect(t.decisions).toHaveLength(3);
    }
  });
});

describe('archlens/graph and archlens/tour', () => {
  it('the graph has every decision with status, tags, folder and a URI, and the stated edges', async () => {
    const graph = await client.connection.sendRequest(GraphRequest, { folder: uri });
    // The example's 16 decisions and the 2 of the platform log it reads through `sources:`, in a folder of their own.
    expect(graph.nodes).toHaveLength(18);
    expect(graph.nodes.filter((n) => n.folder === 'platform:docs/adr').map((n) => n.label.slice(0, 8)).sort()).toEqual(['ADR-0101', 'ADR-0102']);
    const adr7 = graph.nodes.find((n) => n.label.startsWith('ADR-0007'))!;
    expect(adr7).toMatchObject({ kind: 'decision', status: 'accepted', folder: 'docs/adr', tags: ['ingestion', 'cdc', 'kafka'], line: 14 });
    expect(graph.edges).toContainEqual({ from: adr7.id, to: 'docs/adr/0003-nightly-batch-ingestion-with-airflow', kind: 'supersedes' });
    const withCode = await client.connection.sendRequest(GraphRequest, { folder: uri, code: true });
    expect(withCode.nodes.filter((n) => n.kind === 'view')).toHaveLength(4);
    expect(withCode.nodes.find((n) => n.id === 'folder:connect/debezium')?.uri).toBe(`${uri}/connect/debezium`);
  });

  it('the server draws the picture: every decision unfiltered, only what a filter keeps, and a notice for nothing', async () => {
    const drawn = (svg: string) => [...svg.matchAll(/<g class="node [^"]*"[^>]*data-id="([^"]+)"/g)].map((m) => m[1]).sort();
    const all = await client.connection.sendRequest(GraphRequest, { folder: uri });
    expect(drawn(all.svg)).toEqual(all.nodes.map((n) => n.id).sort());
    const superseded = await client.connection.sendRequest(GraphRequest, { folder: uri, filter: { status: 'superseded' } });
    // The filter narrows the picture, not the graph the panel lists its choices from.
    expect(superseded.nodes).toHaveLength(18);
    expect(drawn(superseded.svg)).toEqual(all.nodes.filter((n) => n.status === 'superseded').map((n) => n.id).sort());
    expect(drawn(superseded.svg)).toHaveLength(2);
    const none = await client.connection.sendRequest(GraphRequest, { folder: uri, filter: { tag: 'no-such-tag' } });
    expect(none.svg).toContain('No decision matches');
  });

  it('the tour starts at docs/index.md and every step and item opens an existing file at a line inside it', async () => {
    const tour = await client.connection.sendRequest(TourRequest, { folder: uri });
    expect(tour.steps[0]).toMatchObject({ kind: 'overview', uri: `${uri}/docs/index.md`, line: 1 });
    expect(tour.steps.map((s) => s.kind)).toEqual(['overview', 'view', 'view', 'view', 'view', 'decisions', 'history', 'glossary']);
    for (const target of tour.steps.flatMap((s) => [s, ...s.items])) {
      const file = fileURLToPath(target.uri);
      expect(fs.statSync(file).isFile(), target.uri).toBe(true);
      expect(target.line).toBeLessThanOrEqual(fs.readFileSync(file, 'utf8').split('\n').length);
    }
  });
});
