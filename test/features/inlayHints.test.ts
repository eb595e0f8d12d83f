import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver-types';
import { inlayHints } from '../../server/src/features/inlayHints';
import { DATA_PLATFORM, exampleFiles, featureFixture } from './helpers';

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
      // Cut at a word boundary within the default 40 characters.
      { position: f.pos(path, 'c'), label: 'Reverse ETL of gold marts into the… (proposed)', paddingLeft: true },
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

  it("in markdown prose: on a bare reference, never on a link or the decision's own id", async () => {
    const path = 'docs/architecture/overview.md';
    const text = [
      '# Overview',
      '',
      'CDC runs on Kafka Connect (ADR-0007$$a$$) and [ADR-0003](../adr/0003-nightly-batch-ingestion.md) is gone.',
      'See [ADR-0012] and [the snapshot decision ADR-0012](../adr/0012-incremental-snapshots.md).',
      '',
    ].join('\n');
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: text } });
    expect(inlayHints(f.ctx, f.doc(path), ALL)).toEqual([{ position: f.pos(path, 'a'), label: 'Kafka Connect and Debezium for CDC (accepted)', paddingLeft: true }]);
    const own = f.snapshot.decisions.find((d) => d.number === 7)!;
    const ownHints = inlayHints(f.ctx, f.doc(own.path), ALL);
    expect(ownHints.filter((h) => h.label.toString().startsWith('Kafka Connect and Debezium'))).toEqual([]);
  });

  it('never where the line already names the decision, anywhere or in its first words after the reference', async () => {
    const path = 'dbt/models/marts/fct_orders.sql';
    const text = [
      '-- see ADR-0007 (kafka connect) for the feed',
      '-- the Kafka Connect and Debezium for CDC decision, ADR-0007',
      '-- ADR-0007 — Kafka Connect and Debezium for CDC',
      '-- ADR-0007 kafka only$$',
      '',
    ].join('\n');
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: text } });
    // "kafka only" shares one word with the title: not enough to say the line names it.
    expect(inlayHints(f.ctx, f.doc(path), ALL).map((h) => h.position)).toEqual([{ line: 3, character: 11 }]);
  });

  it('cuts titles at a word boundary to the configured length', async () => {
    const path = 'airflow/dags/a.py';
    const files = { ...DATA_PLATFORM, 'docs/adr/0009-reverse-etl.md': LONG_TITLE, [path]: '# ADR-0009\n' };
    const labels = async (maxLength: number) => {
      const f = await featureFixture({ files }, { settings: { inlayHints: { decisions: true, terms: false, maxLength } } });
      return inlayHints(f.ctx, f.doc(path), ALL).map((h) => h.label);
    };
    expect(await labels(20)).toEqual(['Reverse ETL of gold… (proposed)']);
    expect(await labels(12)).toEqual(['Reverse ETL… (proposed)']);
    expect(await labels(200)).toEqual(['Reverse ETL of gold marts into the serving store every fifteen minutes (proposed)']);
    for (const max of [8, 13, 17, 25, 33, 41]) {
      const [label] = await labels(max);
      const title = label.toString().replace(/ \(proposed\)$/, '');
      expect(title.length, title).toBeLessThanOrEqual(max);
      // Whole words only: what precedes the ellipsis is a prefix of the title that ends at a word.
      const kept = title.replace(/…$/, '');
      expect(LONG_TITLE).toContain(`${kept} `);
    }
  });

  it('shows term definitions in code only when turned on, once per term and line', async () => {
    const path = 'airflow/dags/a.py';
    const files = { ...exampleFiles(), [path]: '# the job is idempotent$$, idempotent again\n# ADR-0007\n' };
    const off = await featureFixture({ files });
    expect(inlayHints(off.ctx, off.doc(path), ALL).map((h) => h.label)).toEqual(['Kafka Connect and Debezium for change… (accepted)']);
    const on = await featureFixture({ files }, { settings: { inlayHints: { decisions: false, terms: true, maxLength: 40 } } });
    const hints = inlayHints(on.ctx, on.doc(path), ALL);
    expect(hints).toHaveLength(1);
    expect(hints[0].position).toEqual(on.pos(path));
    expect(hints[0].label.toString().length).toBeLessThanOrEqual(40);
    const term = on.snapshot.terms.find((t) => t.term === 'idempotency')!;
    expect(term.definition.replace(/\s+/g, ' ')).toContain(hints[0].label.toString().replace(/…$/, ''));
    const md = await featureFixture({ files: { ...exampleFiles(), 'docs/notes.md': 'Jobs are idempotent.\n' } }, { settings: { inlayHints: { decisions: true, terms: true, maxLength: 40 } } });
    expect(inlayHints(md.ctx, md.doc('docs/notes.md'), ALL)).toEqual([]);
  });

  it('shows none when the setting turns them off', async () => {
    const path = 'airflow/dags/a.py';
    const files = { ...DATA_PLATFORM, [path]: '# ADR-0007\n' };
    const on = await featureFixture({ files });
    expect(inlayHints(on.ctx, on.doc(path), ALL)).toHaveLength(1);
    const off = await featureFixture({ files }, { settings: { inlayHints: { decisions: false, terms: false, maxLength: 40 } } });
    expect(inlayHints(off.ctx, off.doc(path), ALL)).toEqual([]);
  });
});
