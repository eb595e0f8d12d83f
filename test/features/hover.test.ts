import { describe, expect, it } from 'vitest';
import { hover } from '../../server/src/features/hover';
import { DATA_PLATFORM, featureFixture } from './helpers';

const REVERSE_ETL =
  '**reverse ETL**\n\nCopying modelled data from the warehouse back into an operational system.\n\nAlso: reverse-ETL, reverse\\_etl\n\nAvoid: data activation\n\nDefined in [glossary.yml:4](file:///ws/glossary.yml#L4)';
const CDC =
  '**CDC**\n\nReading every committed change from a database log and publishing it as an event (ADR-0007).\n\nAlso: Change Data Capture\n\n' +
  // The decisions about the term: CDC is in the title of ADR-0007.
  'Decisions about it:\n\n- [ADR-0007 Kafka Connect and Debezium for CDC](file:///ws/docs/adr/0007-kafka-connect-for-cdc.md#L11) (accepted)\n\n' +
  'Defined in [docs/glossary.md:3](file:///ws/docs/glossary.md#L3)';
const ADR_7 = [
  '**ADR-0007 Kafka Connect and Debezium for CDC**',
  'Accepted · 2024-05-14 · Deciders: Priya Raman, Kwame Mensah',
  'Chosen option: "Debezium source connectors on Kafka Connect", because Debezium reads the WAL like a replica. Each source database gets one connector (`connect/debezium/*.json`).',
  'Amended by [ADR-0012 Incremental snapshots for Debezium](file:///ws/docs/adr/0012-incremental-snapshots.md#L1)',
  '[docs/adr/0007-kafka-connect-for-cdc.md](file:///ws/docs/adr/0007-kafka-connect-for-cdc.md#L11)',
].join('\n\n');

async function hoverAt(files: Record<string, string>, path: string, marker = 'cursor') {
  const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
  return { f, result: hover(f.ctx, f.doc(path), f.pos(path, marker)) };
}

describe('hover on glossary terms, in every language', () => {
  it('Python: an identifier split at snake_case', async () => {
    const path = 'serving/reverse_etl/sync.py';
    const { f, result } = await hoverAt(
      { [path]: 'import os\n\n\ndef run_$$a$$reverse_$$cursor$$etl$$b$$_job(conn):\n    """Push the gold marts into the serving store."""\n    return conn\n' },
      path,
    );
    expect(result).toEqual({ contents: { kind: 'markdown', value: REVERSE_ETL }, range: f.range(path, 'a', 'b') });
  });

  it('TypeScript: a camelCase identifier and a comment', async () => {
    const path = 'serving/web/src/cdcSink.ts';
    const text = '// Writes $$c$$CDC$$d$$ events to the $$e$$ware$$wh$$house$$f$$.\nexport function $$a$$cdc$$cursor$$$$b$$EventSink(topic: string): void {\n  console.log(topic);\n}\n';
    const { f, result } = await hoverAt({ [path]: text }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: CDC }, range: f.range(path, 'a', 'b') });
    expect(hover(f.ctx, f.doc(path), f.pos(path, 'c'))?.range).toEqual(f.range(path, 'c', 'd'));
    const warehouse = hover(f.ctx, f.doc(path), f.pos(path, 'wh'));
    expect(warehouse?.range).toEqual(f.range(path, 'e', 'f'));
    expect((warehouse?.contents as { value: string }).value.split('\n\n')[0]).toBe('**warehouse**');
  });

  it('SQL: the longest term wins and plurals match', async () => {
    const path = 'dbt/models/marts/fct_orders.sql';
    const text = [
      '-- Feeds $$a$$reverse $$cursor$$ETL$$b$$ into the serving store.',
      '-- Rows that fail land in the $$c$$dead letter qu$$dlq$$eues$$d$$.',
      'select order_id, amount from {{ ref("stg_orders") }}',
      '',
    ].join('\n');
    const { f, result } = await hoverAt({ [path]: text }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: REVERSE_ETL }, range: f.range(path, 'a', 'b') });
    const dlq = hover(f.ctx, f.doc(path), f.pos(path, 'dlq'));
    expect(dlq?.range).toEqual(f.range(path, 'c', 'd'));
    expect((dlq?.contents as { value: string }).value.split('\n\n')[0]).toBe('**dead letter queue**');
  });

  it('YAML: a value and a kebab-case key', async () => {
    const path = 'deploy/helm/serving-api/values.yaml';
    const text = 'replicaCount: 2\n$$a$$reverse-e$$cursor$$tl$$b$$-schedule: "*/15 * * * *"\nsource: $$c$$bron$$ze$$ze$$d$$\n';
    const { f, result } = await hoverAt({ [path]: text }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: REVERSE_ETL }, range: f.range(path, 'a', 'b') });
    expect(hover(f.ctx, f.doc(path), f.pos(path, 'ze'))?.range).toEqual(f.range(path, 'c', 'd'));
  });

  it('JSON: a string value', async () => {
    const path = 'connect/sinks/s3-bronze-sink.json';
    const text = '{\n  "name": "s3-bronze-sink",\n  "errors.deadletterqueue.topic.name": "dlq.s3",\n  "description": "Lands every $$a$$Change Data $$cursor$$Capture$$b$$ event"\n}\n';
    const { f, result } = await hoverAt({ [path]: text }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: CDC }, range: f.range(path, 'a', 'b') });
  });

  it('markdown: prose in a document', async () => {
    const path = 'docs/architecture/overview.md';
    const text = '# Overview\n\nOrders flow through $$a$$CDC$$b$$$$cursor$$ into the bronze layer.\n';
    const { f, result } = await hoverAt({ [path]: text }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: CDC }, range: f.range(path, 'a', 'b') });
  });

  it('counts the cursor one past the last character and nothing further', async () => {
    const path = 'serving/job.py';
    const text = '# load the $$a$$warehouse$$b$$ $$after$$tables\n';
    const { f, result } = await hoverAt({ [path]: text }, path, 'b');
    expect(result?.range).toEqual(f.range(path, 'a', 'b'));
    expect(hover(f.ctx, f.doc(path), f.pos(path, 'a'))?.range).toEqual(f.range(path, 'a', 'b'));
    expect(hover(f.ctx, f.doc(path), f.pos(path, 'after'))).toBeNull();
  });

  it('returns null on a word that is no term', async () => {
    const path = 'serving/job.py';
    const { result } = await hoverAt({ [path]: 'def handler(ev$$ent):\n    return event\n' }, path);
    expect(result).toBeNull();
  });

  it('uses the glossary of the folder the file is in', async () => {
    const path = 'serving/api/store.py';
    const { result } = await hoverAt(
      {
        'serving/glossary.yml': 'terms:\n  - name: warehouse\n    definition: The read replica the serving API reads from.\n',
        [path]: '# read from the ware$$house\n',
      },
      path,
    );
    expect((result?.contents as { value: string }).value).toBe(
      '**warehouse**\n\nThe read replica the serving API reads from.\n\n' +
        'Decisions about it:\n\n- [ADR-0003 Nightly batch ingestion with Airflow](file:///ws/docs/adr/0003-nightly-batch-ingestion.md#L1) (superseded)\n\n' +
        'Defined in [serving/glossary.yml:2](file:///ws/serving/glossary.yml#L2)',
    );
  });
});

describe('hover on decision references', () => {
  it('Python comment with ADR-0007', async () => {
    const path = 'airflow/dags/orders_backfill.py';
    const { f, result } = await hoverAt({ [path]: '# Backfills replay a snapshot; see $$a$$ADR-$$cursor$$0007$$b$$.\nimport airflow\n' }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: ADR_7 }, range: f.range(path, 'a', 'b') });
  });

  it('TypeScript doc comment with @adr 7', async () => {
    const path = 'console/src/ingest.ts';
    const { f, result } = await hoverAt({ [path]: '/**\n * Reads CDC topics.\n * $$a$$@adr $$cursor$$7$$b$$\n */\nexport const topics = [];\n' }, path);
    expect(result?.contents).toEqual({ kind: 'markdown', value: ADR_7 });
    expect(result?.range?.start.line).toBe(f.pos(path, 'a').line);
    expect(result?.range?.end).toEqual(f.pos(path, 'b'));
  });

  it('SQL comment, YAML comment and JSON string', async () => {
    const files = {
      'dbt/models/staging/stg_orders.sql': '-- Deletes arrive as tombstones ($$a$$ADR 7$$b$$$$cursor$$)\nselect * from raw.orders\n',
      'deploy/helm/kafka-connect/values.yaml': 'replicas: 3 # sized in $$a$$adr-$$cursor$$007$$b$$\n',
      'connect/debezium/orders.json': '{ "name": "orders", "note": "see $$a$$ADR-0$$cursor$$007$$b$$" }\n',
    };
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
    for (const path of Object.keys(files)) {
      expect(hover(f.ctx, f.doc(path), f.pos(path)), path).toEqual({ contents: { kind: 'markdown', value: ADR_7 }, range: f.range(path, 'a', 'b') });
    }
  });

  it('markdown link to a decision file', async () => {
    const path = 'docs/architecture/overview.md';
    const { f, result } = await hoverAt({ [path]: '# Overview\n\nSee [the CDC decision]($$a$$../adr/0007-kafka-$$cursor$$connect-for-cdc.md$$b$$).\n' }, path);
    expect(result).toEqual({ contents: { kind: 'markdown', value: ADR_7 }, range: f.range(path, 'a', 'b') });
  });

  it('names the successor of a superseded decision', async () => {
    const path = 'airflow/dags/nightly.py';
    const { result } = await hoverAt({ [path]: '# Legacy DAG, ADR-0$$003\n' }, path);
    const value = (result?.contents as { value: string }).value;
    expect(value.split('\n\n').slice(0, 3)).toEqual([
      '**ADR-0003 Nightly batch ingestion with Airflow**',
      'Superseded · 2024-02-20',
      'Superseded by [ADR-0007 Kafka Connect and Debezium for CDC](file:///ws/docs/adr/0007-kafka-connect-for-cdc.md#L11)',
    ]);
  });

  it('an unknown number is not a decision (and not a term either)', async () => {
    const path = 'airflow/dags/nightly.py';
    const { result } = await hoverAt({ [path]: '# see ADR-0$$099\n' }, path);
    expect(result).toBeNull();
  });
});

describe('term hovers list the decisions about the term', () => {
  const decision = (n: number, title: string, decisionText: string, context = 'Something happened.') =>
    `# ${n}. ${title}\n\nDate: 2024-01-0${n}\n\n## Status\n\nAccepted\n\n## Context\n\n${context}\n\n## Decision\n\n${decisionText}\n`;

  it('lists at most three, ranked, each linked to its title line, then "more…"', async () => {
    const files = {
      'glossary.yml': 'terms:\n  - name: Redshift\n    aliases: [Amazon Redshift]\n    definition: The warehouse we ran before.\n',
      'docs/adr/0001-a.md': decision(1, 'Use Redshift as the warehouse', 'We use Redshift.'),
      'docs/adr/0002-b.md': decision(2, 'Nightly loads', 'Loads go into Amazon Redshift every night.'),
      'docs/adr/0003-c.md': decision(3, 'Leave Redshift', 'Move off Redshift to a lakehouse.'),
      'docs/adr/0004-d.md': decision(4, 'Dashboards', 'Dashboards read Redshift views.'),
      // A passing mention in the context is not a decision about the term.
      'docs/adr/0005-e.md': decision(5, 'Logging', 'Logs go to S3.', 'Redshift was slow once.'),
      'src/load.py': '# copy into $$redshift_table\n',
    };
    const { result } = await hoverAt(files, 'src/load.py');
    const value = (result?.contents as { value: string }).value;
    const section = value.slice(value.indexOf('Decisions about it:'), value.indexOf('\n\nDefined in'));
    const lines = section.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(4);
    // Redshift in the title ranks first; each entry links to the decision's title line.
    expect(lines[0]).toBe('- [ADR-0001 Use Redshift as the warehouse](file:///ws/docs/adr/0001-a.md#L1) (accepted)');
    expect(lines.slice(0, 3).join('\n')).toContain('ADR-0003 Leave Redshift');
    expect(lines[3]).toBe('- more… (1 other decision; ask *Archlens: Why…?*)');
    expect(value).not.toContain('ADR-0005');
  });

  it('escapes decision titles: a title cannot become a command link', async () => {
    const files = {
      'glossary.yml': 'terms:\n  - name: Kafka\n    definition: The event log.\n',
      'docs/adr/0001-a.md': decision(1, 'Kafka ](command:workbench.action.quit)', 'Use Kafka.'),
      'src/x.py': '# $$kafka\n',
    };
    const { result } = await hoverAt(files, 'src/x.py');
    const value = (result?.contents as { value: string }).value;
    expect(value).toContain('[ADR-0001 Kafka \\](command:workbench.action.quit)](file:///ws/docs/adr/0001-a.md#L1)');
    // Only an unescaped `](` opens a link destination.
    expect(value).not.toMatch(/(?<!\\)\]\(command:/);
  });
});
