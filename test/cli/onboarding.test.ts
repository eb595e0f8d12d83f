// The onboarding commands on the example workspace: `why` answers with the decision, the sentence and its line;
// `graph` draws every decision with the relations the records state, in each format; `tour` walks from the overview
// through the views, the most-cited decisions, the supersede chains and the glossary; usage errors exit 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers';

const EXAMPLE = 'examples/data-platform';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'archlens-onboarding-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('archlens why', () => {
  it('prints the decisions that answer, best first, with path:line and the answering sentence', async () => {
    const r = await cli(['why', 'why kafka connect', EXAMPLE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('1. ADR-0007 Kafka Connect and Debezium for change data capture [accepted]');
    const [file, line] = lines[1].trim().split(':');
    const source = readFileSync(path.join(ROOT, EXAMPLE, file), 'utf8').split('\n')[Number(line) - 1];
    expect(source).toContain(lines[2].trim().slice(0, 20));
  });

  it('--json gives the ranked answers with status, line, sentence and the superseded order', async () => {
    const r = await cli(['why', 'why serve features from a read replica', EXAMPLE, '--json', '--limit', '3']);
    const json = JSON.parse(r.stdout) as { answers: { number: number; status: string; supersededBy: string[]; sentence: string; line: number }[] };
    expect(json.answers.length).toBeLessThanOrEqual(3);
    const numbers = json.answers.map((a) => a.number);
    expect(numbers.indexOf(9)).toBeLessThan(numbers.indexOf(5));
    const replica = json.answers.find((a) => a.number === 5)!;
    expect(replica.status).toBe('superseded');
    expect(replica.supersededBy).toEqual(['docs/adr/0009-reverse-etl-into-the-serving-store']);
    expect(replica.sentence).toMatch(/read replica/);
  });

  it('says so when nothing answers, and needs a question', async () => {
    expect((await cli(['why', 'why redshift', EXAMPLE])).stdout).toBe('No decision answers "why redshift".\n');
    const none = await cli(['why']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/a question is needed/);
    expect((await cli(['why', 'x', EXAMPLE, '--limit', '0'])).code).toBe(2);
  });
});

describe('archlens graph', () => {
  it('json: one node per decision with its status, and the stated supersedes and amends edges', async () => {
    const r = await cli(['graph', EXAMPLE, '--format', 'json']);
    const graph = JSON.parse(r.stdout) as { nodes: { id: string; status: string }[]; edges: { from: string; to: string; kind: string }[] };
    // The example's sixteen and the platform log's two (sources:).
    expect(graph.nodes).toHaveLength(18);
    expect(graph.nodes.filter((n) => n.id.startsWith('platform:'))).toHaveLength(2);
    expect(graph.nodes.find((n) => n.id.endsWith('0010-adopt-a-managed-feature-store'))?.status).toBe('rejected');
    const edge = (kind: string) => graph.edges.filter((e) => e.kind === kind).map((e) => `${path.basename(e.from).slice(0, 4)}>${path.basename(e.to).slice(0, 4)}`);
    expect(edge('supersedes').sort()).toEqual(['0007>0003', '0009>0005']);
    expect(edge('amends')).toEqual(['0012>0007']);
    expect(edge('relates').length).toBeGreaterThan(0);
  });

  it('mermaid: a flowchart with a class per status; filters keep only what they name', async () => {
    const all = (await cli(['graph', EXAMPLE])).stdout;
    expect(all.startsWith('flowchart TB\n')).toBe(true);
    expect(all).toMatch(/\("ADR-0003 Nightly batch ingestion with Airflow"\):::superseded/);
    expect(all).toMatch(/==>\|supersedes\|/);
    const dbt = JSON.parse((await cli(['graph', EXAMPLE, '--format', 'json', '--tag', 'dbt'])).stdout) as { nodes: { label: string }[] };
    expect(dbt.nodes.map((n) => n.label)).toEqual(['ADR-0002 Use dbt for warehouse transformations', 'ADR-0015 Slim CI for dbt pull requests']);
    const accepted = JSON.parse((await cli(['graph', EXAMPLE, '--format', 'json', '--status', 'superseded'])).stdout) as { nodes: unknown[]; edges: unknown[] };
    expect(accepted.nodes).toHaveLength(2);
    const connect = JSON.parse((await cli(['graph', EXAMPLE, '--format', 'json', '--folder', 'connect'])).stdout) as { nodes: { label: string }[] };
    expect(connect.nodes.map((n) => n.label.slice(0, 8)).sort()).toEqual(['ADR-0007', 'ADR-0008', 'ADR-0012']);
  });

  it('dot and svg: valid documents with every decision; --folders adds the governed folders', async () => {
    const dot = (await cli(['graph', EXAMPLE, '--format', 'dot', '--folders'])).stdout;
    expect(dot).toMatch(/^digraph decisions \{/);
    expect(dot).toContain('"folder:connect/debezium" [label="connect/debezium/"');
    expect(dot).toContain('"docs/adr/0007-kafka-connect-and-debezium-for-cdc" -> "folder:connect/debezium" [label="governs"]');
    const file = path.join(tmp, 'graph.svg');
    expect((await cli(['graph', EXAMPLE, '--format', 'svg', '--views', '--folders', '--output', file])).code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<g class="node decision /g)).toHaveLength(18);
    expect(svg.match(/<g class="node view /g)).toHaveLength(4);
    expect(svg).toContain('data-path="docs/adr/0009-reverse-etl-into-the-serving-store.md"');
  });

  it('rejects an unknown format', async () => {
    const r = await cli(['graph', EXAMPLE, '--format', 'png']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of mermaid, dot, svg, json/);
  });
});

describe('archlens tour', () => {
  it('starts at the overview, walks every view with code links, then decisions, history and terms', async () => {
    const r = await cli(['tour', EXAMPLE]);
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## 1. Start with the overview',
      '## 2. Component-and-connector view',
      '## 3. Data pipeline view',
      '## 4. Deployment View',
      '## 5. Module view',
      '## 6. The decisions the code cites most',
      '## 7. How the system got here',
      '## 8. The words the team uses',
    ]);
    expect(r.stdout).toContain('Open: [docs/index.md](./docs/index.md)');
    // Each element opens a real file of its code path.
    expect(r.stdout).toContain('- [Debezium source connectors](./connect/debezium/customers-mysql-source.json)');
    expect(r.stdout).toContain('ADR-0003 Nightly batch ingestion with Airflow → ADR-0007 Kafka Connect and Debezium for change data capture');
    const terms = r.stdout.slice(r.stdout.indexOf('## 8.')).split('\n').filter((l) => l.startsWith('- '));
    expect(terms).toHaveLength(10);
  });

  it('html: a standalone page with the same steps, links relative to the folder', async () => {
    const r = await cli(['tour', EXAMPLE, '--format', 'html']);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout.match(/<section /g)).toHaveLength(8);
    expect(r.stdout).toContain('<a href="./docs/index.md">docs/index.md</a>');
    expect(r.stdout).not.toMatch(/<script/);
  });
});
