import { describe, expect, it } from 'vitest';
import { documentLinks } from '../../server/src/features/documentLinks';
import { DATA_PLATFORM, featureFixture } from './helpers';

const ADR_3 = 'file:///ws/docs/adr/0003-nightly-batch-ingestion.md#L1';
const ADR_7 = 'file:///ws/docs/adr/0007-kafka-connect-for-cdc.md#L11';
const ADR_12 = 'file:///ws/docs/adr/0012-incremental-snapshots.md#L1';

describe('document links to decisions', () => {
  const cases: Record<string, string> = {
    'airflow/dags/orders_backfill.py':
      '"""Replays a database snapshot into bronze ($$a$$ADR-0007$$b$$)."""\n# Superseded the nightly DAG of $$c$$ADR 3$$d$$; ADR-0099 is a typo.\nimport airflow\n',
    'console/src/ingest.ts': '/**\n * Topic names.\n * $$a$$@adr 7$$b$$\n */\nexport const topics = ["cdc.orders"]; // $$c$$adr-003$$d$$\n',
    'dbt/models/staging/stg_orders.sql': '-- Tombstones from CDC ($$a$$ADR-7$$b$$) are dropped here.\nselect * from raw.orders -- $$c$$ADR-0003$$d$$\n',
    'deploy/helm/kafka-connect/values.yaml': '# $$a$$ADR-0007$$b$$: one worker group per environment\nreplicas: 3\nnote: "$$c$$ADR-0003$$d$$ is history"\n',
    'connect/debezium/orders.json': '{\n  "name": "orders-postgres-source",\n  "comment": "$$a$$ADR-0007$$b$$, $$c$$ADR-0003$$d$$"\n}\n',
  };

  for (const [path, text] of Object.entries(cases)) {
    it(`links each known reference in ${path.slice(path.lastIndexOf('.') + 1)}`, async () => {
      const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: text } });
      expect(documentLinks(f.ctx, f.doc(path))).toEqual([
        { range: f.range(path, 'a', 'b'), target: ADR_7, tooltip: 'ADR-0007 Kafka Connect and Debezium for CDC' },
        { range: f.range(path, 'c', 'd'), target: ADR_3, tooltip: 'ADR-0003 Nightly batch ingestion with Airflow' },
      ]);
    });
  }

  it('links ids and relative links in markdown, but not unknown numbers or links to other documents', async () => {
    const path = 'docs/architecture/data-pipeline-view.md';
    const text = [
      '# Data pipeline view',
      '',
      'CDC ($$a$$ADR-0007$$b$$) feeds bronze; see [snapshots]($$c$$../adr/0012-incremental-snapshots.md$$d$$).',
      'The old DAG ([ADR-0042](../adr/0042-missing.md)) and the [glossary](../glossary.md) are not decisions.',
      '',
    ].join('\n');
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: text } });
    expect(documentLinks(f.ctx, f.doc(path))).toEqual([
      { range: f.range(path, 'a', 'b'), target: ADR_7, tooltip: 'ADR-0007 Kafka Connect and Debezium for CDC' },
      { range: f.range(path, 'c', 'd'), target: ADR_12, tooltip: 'ADR-0012 Incremental snapshots for Debezium' },
    ]);
  });

  it('links a decision to the decisions it cites', async () => {
    const f = await featureFixture({ files: { ...DATA_PLATFORM } });
    const path = 'docs/adr/0007-kafka-connect-for-cdc.md';
    const links = documentLinks(f.ctx, f.doc(path));
    expect(links.map((l) => [l.range.start.line, l.target])).toEqual([
      [12, ADR_12],
      [16, ADR_3],
    ]);
  });

  it('has nothing to link in a file without references', async () => {
    const path = 'serving/api/main.py';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: 'from fastapi import FastAPI\napp = FastAPI()\n' } });
    expect(documentLinks(f.ctx, f.doc(path))).toEqual([]);
  });
});
