import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver-types';
import { inlayHints } from '../../server/src/features/inlayHints';
import { DATA_PLATFORM, featureFixture } from './helpers';

const ALL: Range = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

const LONG_TITLE = '# 9. Reverse ETL of gold marts into the serving store every fifteen minutes\n\nDate: 2024-08-01\n\n## Status\n\nProposed\n';

describe('inlay hints after decision ids in code', () => {
  it('shows title and status after a bare id, and the successor of a superseded one', async () => {
    const path = 'airflow/dags/orders_backfill.py';
    const text = [
      '# Replays a snapshot (ADR-0007$$a$$) instead of the nightly DAG of ADR-0003$$b$$.',
      '# ADR-0009$$c$$: keep the marts small.',
      '# @adr 12 and [link](../../docs/adr/0012-incremental-snapshots.md) get no hint; ADR-0099 is unknown.',
      'import airflow',
      '',
    ].join('\n');
    const f = await featureFixture({ files: { ...DATA_PLATFORM, 'docs/adr/0009-reverse-etl.md': LONG_TITLE, [path]: text } });
    expect(inlayHints(f.ctx, f.doc(path), ALL)).toEqual([
      { position: f.pos(path, 'a'), label: 'Kafka Connect and Debezium for CDC (accepted)', paddingLeft: true },
      { position: f.pos(path, 'b'), label: 'Nightly batch ingestion with Airflow (superseded by ADR-0007)', paddingLeft: true },
      { position: f.pos(path, 'c'), label: 'Reverse ETL of gold marts into the serv… (proposed)', paddingLeft: true },
    ]);
  });

  it('works in TypeScript, SQL, YAML and JSON', async () => {
    const files = {
      'console/src/ingest.ts': 'export const topics = []; // ADR-0007$$\n',
      'dbt/models/staging/stg_orders.sql': '-- tombstones, ADR 7$$\nselect 1\n',
      'deploy/helm/kafka-connect/values.yaml': 'replicas: 3 # adr-007$$\n',
      'connect/debezium/orders.json': '{ "note": "ADR-0007$$" }\n',
    };
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
    for (const path of Object.keys(files)) {
      expect(inlayHints(f.ctx, f.doc(path), ALL), path).toEqual([
        { position: f.pos(path), label: 'Kafka Connect and Debezium for CDC (accepted)', paddingLeft: true },
      ]);
    }
  });

  it('skips a reference already followed by its title', async () => {
    const path = 'connect/debezium/README.txt';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: 'ADR-0007: Kafka Connect and Debezium for CDC\nADR-0003 batch\n' } });
    expect(inlayHints(f.ctx, f.doc(path), ALL).map((h) => h.position)).toEqual([{ line: 1, character: 8 }]);
  });

  it('only returns hints inside the requested range', async () => {
    const path = 'airflow/dags/a.py';
    const text = '# ADR-0007\n$$start$$# ADR-0003$$in$$\n$$end$$# ADR-0012\n';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: text } });
    expect(inlayHints(f.ctx, f.doc(path), f.range(path, 'start', 'end')).map((h) => h.position)).toEqual([f.pos(path, 'in')]);
  });

  it('shows none in markdown', async () => {
    const path = 'docs/architecture/overview.md';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: '# Overview\n\nCDC runs on Kafka Connect (ADR-0007).\n' } });
    expect(inlayHints(f.ctx, f.doc(path), ALL)).toEqual([]);
  });

  it('shows none when the setting turns them off', async () => {
    const path = 'airflow/dags/a.py';
    const files = { ...DATA_PLATFORM, [path]: '# ADR-0007\n' };
    const on = await featureFixture({ files });
    expect(inlayHints(on.ctx, on.doc(path), ALL)).toHaveLength(1);
    const off = await featureFixture({ files }, { settings: { inlayHints: { enabled: false } } });
    expect(inlayHints(off.ctx, off.doc(path), ALL)).toEqual([]);
  });
});
