import { describe, expect, it } from 'vitest';
import { definition, titleRange } from '../../server/src/features/definition';
import { DATA_PLATFORM, featureFixture } from './helpers';

const at = (uri: string, line: number, from: number, to: number) => [{ uri, range: { start: { line, character: from }, end: { line, character: to } } }];

describe('go to definition', () => {
  it('goes from a reference in code to the title of the decision', async () => {
    const files = {
      'airflow/dags/orders_backfill.py': '# See ADR-00$$07 for why this is rare.\n',
      'console/src/ingest.ts': '/** @adr 3$$ */\nexport {};\n',
      'docs/index.md': 'Read [the CDC decision](adr/0007-kafka-$$connect-for-cdc.md).\n',
    };
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
    // The title is selected: the heading's text, without its `#`.
    const title7 = '# Kafka Connect and Debezium for CDC';
    expect((await f.readText('docs/adr/0007-kafka-connect-for-cdc.md'))!.split('\n')[10]).toBe(title7);
    expect(await definition(f.ctx, f.doc('airflow/dags/orders_backfill.py'), f.pos('airflow/dags/orders_backfill.py'), f.readText)).toEqual(
      at('file:///ws/docs/adr/0007-kafka-connect-for-cdc.md', 10, 2, title7.length),
    );
    expect(await definition(f.ctx, f.doc('console/src/ingest.ts'), f.pos('console/src/ingest.ts'), f.readText)).toEqual(
      at('file:///ws/docs/adr/0003-nightly-batch-ingestion.md', 0, 2, '# 3. Nightly batch ingestion with Airflow'.length),
    );
    expect(await definition(f.ctx, f.doc('docs/index.md'), f.pos('docs/index.md'), f.readText)).toEqual(at('file:///ws/docs/adr/0007-kafka-connect-for-cdc.md', 10, 2, title7.length));
  });

  it('goes from a term or an alias to the name where its glossary defines it, selected', async () => {
    const files = {
      'serving/reverse_etl/job.py': 'def sync_reverse_e$$tl():\n    pass\n',
      'dbt/models/marts/fct.sql': '-- failures go to the D$$LQ\n',
    };
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
    // `  - name: reverse ETL` and the definition-list term `dead letter queue` (found from its alias DLQ).
    expect(await definition(f.ctx, f.doc('serving/reverse_etl/job.py'), f.pos('serving/reverse_etl/job.py'), f.readText)).toEqual(at('file:///ws/glossary.yml', 3, 10, 21));
    expect(await definition(f.ctx, f.doc('dbt/models/marts/fct.sql'), f.pos('dbt/models/marts/fct.sql'), f.readText)).toEqual(at('file:///ws/docs/glossary.md', 6, 0, 17));
  });

  it('falls back to the start of the line when the target cannot be read', async () => {
    const path = 'airflow/dags/a.py';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: '# ADR-00$$07\n' } });
    expect(await definition(f.ctx, f.doc(path), f.pos(path), async () => undefined)).toEqual(at('file:///ws/docs/adr/0007-kafka-connect-for-cdc.md', 10, 0, 0));
  });

  it('has no answer off a reference or term, or on an unknown decision', async () => {
    const path = 'serving/api/main.py';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: 'app = Fast$$a$$API()  # ADR-00$$b$$99\n' } });
    expect(await definition(f.ctx, f.doc(path), f.pos(path, 'a'), f.readText)).toBeNull();
    expect(await definition(f.ctx, f.doc(path), f.pos(path, 'b'), f.readText)).toBeNull();
  });
});

describe('titleRange', () => {
  it('selects a heading, a title key or the trimmed line', () => {
    expect(titleRange('## 12. Use Kafka ##', 3)).toEqual({ start: { line: 2, character: 3 }, end: { line: 2, character: 16 } });
    expect(titleRange('title: "Use Kafka"', 1)).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 17 } });
    expect(titleRange('   plain line  ', 1)).toEqual({ start: { line: 0, character: 3 }, end: { line: 0, character: 13 } });
  });
});
