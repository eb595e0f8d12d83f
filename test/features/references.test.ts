import { describe, expect, it } from 'vitest';
import type { Location } from 'vscode-languageserver-types';
import { MAX_REFERENCES, references } from '../../server/src/features/references';
import { DATA_PLATFORM, exampleFiles, featureFixture } from './helpers';

const loc = (path: string, line: number, start: number, end = start): Location => ({
  uri: `file:///ws/${path}`,
  range: { start: { line, character: start }, end: { line, character: end } },
});

const CODE = {
  'airflow/dags/orders_backfill.py': '# Replays a snapshot, see ADR-0007.\nimport airflow\n',
  'connect/debezium/orders.json': '{ "name": "orders" }\n',
  'connect/debezium/customers.json': '{ "name": "customers" }\n',
  'connect/sinks/s3.json': '{ "name": "s3", "note": "@adr 7" }\n',
  'deploy/helm/kafka-connect/values.yaml': 'replicas: 3\n',
  'deploy/helm/kafka-connect/templates/.helmignore': '*.tgz\n',
  'deploy/helm/serving-api/values.yaml': 'replicas: 2\n',
};

describe('references of a decision', () => {
  it('lists citations and governed files from a reference in code', async () => {
    const path = 'airflow/dags/orders_backfill.py';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...CODE, [path]: '# Replays a snapshot, see ADR-00$$07.\nimport airflow\n' } });
    const expected = [
      loc('airflow/dags/orders_backfill.py', 0, 26, 34),
      loc('connect/sinks/s3.json', 0, 25, 31),
      loc('docs/adr/0003-nightly-batch-ingestion.md', 6, 54, 83),
      loc('docs/adr/0012-incremental-snapshots.md', 6, 47, 76),
      loc('docs/glossary.md', 4, 84, 92),
      loc('connect/debezium/customers.json', 0, 0),
      loc('connect/debezium/orders.json', 0, 0),
      loc('deploy/helm/kafka-connect/templates/.helmignore', 0, 0),
      loc('deploy/helm/kafka-connect/values.yaml', 0, 0),
    ];
    expect(await references(f.ctx, f.doc(path), f.pos(path), false, f.readText)).toEqual(expected);
    expect(await references(f.ctx, f.doc(path), f.pos(path), true, f.readText)).toEqual([loc('docs/adr/0007-kafka-connect-for-cdc.md', 10, 2, '# Kafka Connect and Debezium for CDC'.length), ...expected]);
  });

  it('answers the same anywhere in the decision file', async () => {
    const adr = 'docs/adr/0007-kafka-connect-for-cdc.md';
    const files: Record<string, string> = { ...DATA_PLATFORM, ...CODE };
    const text = files[adr].replace('# Kafka Connect', () => '# Kafka $$title$$Connect').replace('reads the WAL', () => 'reads $$body$$the WAL');
    const f = await featureFixture({ files: { ...files, [adr]: text } });
    const fromCode = await references(f.ctx, f.doc('airflow/dags/orders_backfill.py'), { line: 0, character: 28 }, false, f.readText);
    expect(fromCode).toHaveLength(9);
    expect(await references(f.ctx, f.doc(adr), f.pos(adr, 'title'), false, f.readText)).toEqual(fromCode);
    expect(await references(f.ctx, f.doc(adr), f.pos(adr, 'body'), false, f.readText)).toEqual(fromCode);
  });

  it('follows a reference inside a decision to the decision it names', async () => {
    const adr = 'docs/adr/0007-kafka-connect-for-cdc.md';
    const text = DATA_PLATFORM[adr].replace('(ADR-0003)', () => '(ADR-00$$03)');
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [adr]: text } });
    expect(await references(f.ctx, f.doc(adr), f.pos(adr), false, f.readText)).toEqual([loc(adr, 16, 19, 27)]);
  });
});

describe('references of a term', () => {
  it('finds every use in code, config and docs, in the scope where the term applies', async () => {
    const files = {
      ...DATA_PLATFORM,
      'serving/glossary.yml': 'terms:\n  - name: warehouse\n    definition: The read replica the serving API reads from.\n',
      'serving/api/store.py': '# reads the warehouse replica\n',
      'dbt/models/marts/fct_orders.sql': '-- built in the ware$$house\nselect 1 -- Data Warehouse tables\n',
      'deploy/helm/airflow/values.yaml': 'warehouseUrl: snowflake://x\n',
      'dbt/logo.png': 'warehouse',
    };
    const f = await featureFixture({ files });
    const path = 'dbt/models/marts/fct_orders.sql';
    // serving/ has its own 'warehouse', so serving/api/store.py is not a use of this one; the PNG is never read.
    expect(await references(f.ctx, f.doc(path), f.pos(path), true, f.readText)).toEqual([
      loc('glossary.yml', 7, 10, 19),
      loc('dbt/models/marts/fct_orders.sql', 0, 16, 25),
      loc('dbt/models/marts/fct_orders.sql', 1, 12, 26),
      loc('deploy/helm/airflow/values.yaml', 0, 0, 9),
      loc('docs/adr/0003-nightly-batch-ingestion.md', 10, 4, 13),
      loc('docs/adr/0003-nightly-batch-ingestion.md', 14, 76, 85),
      loc('docs/adr/0003-nightly-batch-ingestion.md', 18, 12, 21),
      loc('docs/adr/0007-kafka-connect-for-cdc.md', 16, 40, 49),
      loc('glossary.yml', 5, 47, 56),
      // glossary.yml line 7 is the declaration, listed once, first.
      loc('glossary.yml', 8, 14, 28),
    ]);
  });

  it('stops at the cap', async () => {
    const line = 'CDC '.repeat(1000);
    const files: Record<string, string> = { ...DATA_PLATFORM };
    for (let i = 0; i < 6; i++) files[`logs/cdc-${i}.txt`] = `${line}\n`;
    files['logs/cdc-0.txt'] = `C$$DC ${line}\n`;
    const f = await featureFixture({ files });
    const result = await references(f.ctx, f.doc('logs/cdc-0.txt'), f.pos('logs/cdc-0.txt'), false, f.readText);
    expect(result).toHaveLength(MAX_REFERENCES);
  });

  it('is empty off any decision or term', async () => {
    const path = 'serving/api/main.py';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: 'app = Fast$$API()\n' } });
    expect(await references(f.ctx, f.doc(path), f.pos(path), true, f.readText)).toEqual([]);
  });
});

describe('references on the example workspace', () => {
  it('select exactly the reference as written in every citing file', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const adr7 = f.snapshot.decisions.find((d) => d.number === 7)!;
    const locations = await references(f.ctx, f.doc(adr7.path), { line: adr7.line - 1, character: 3 }, false, f.readText);
    const citations = locations.filter((l) => l.range.start.line !== l.range.end.line || l.range.start.character !== l.range.end.character);
    expect(citations.length).toBeGreaterThan(5);
    for (const l of citations) {
      const text = files[l.uri.slice('file:///ws/'.length)].split('\n')[l.range.start.line].slice(l.range.start.character, l.range.end.character);
      // `ADR-0007`, `ADR 7`, `@adr 7`, the decision's file name (front matter) or a whole markdown link to it.
      expect(text, l.uri).toMatch(/^(adr[- ]0*7|@adr\s+0*7|([\w./-]*\/)?0007-kafka-connect-and-debezium-for-cdc(\.md)?|\[.*\]\(.*0007-kafka-connect-and-debezium-for-cdc\.md.*\))$/i);
    }
  });
});
