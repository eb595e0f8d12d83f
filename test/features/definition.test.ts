import { describe, expect, it } from 'vitest';
import { definition } from '../../server/src/features/definition';
import { DATA_PLATFORM, featureFixture } from './helpers';

const at = (uri: string, line: number) => [{ uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } }];

describe('go to definition', () => {
  it('goes from a reference in code to the title of the decision', async () => {
    const files = {
      'airflow/dags/orders_backfill.py': '# See ADR-00$$07 for why this is rare.\n',
      'console/src/ingest.ts': '/** @adr 3$$ */\nexport {};\n',
      'docs/index.md': 'Read [the CDC decision](adr/0007-kafka-$$connect-for-cdc.md).\n',
    };
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
    expect(definition(f.ctx, f.doc('airflow/dags/orders_backfill.py'), f.pos('airflow/dags/orders_backfill.py'))).toEqual(
      at('file:///ws/docs/adr/0007-kafka-connect-for-cdc.md', 10),
    );
    expect(definition(f.ctx, f.doc('console/src/ingest.ts'), f.pos('console/src/ingest.ts'))).toEqual(
      at('file:///ws/docs/adr/0003-nightly-batch-ingestion.md', 0),
    );
    expect(definition(f.ctx, f.doc('docs/index.md'), f.pos('docs/index.md'))).toEqual(at('file:///ws/docs/adr/0007-kafka-connect-for-cdc.md', 10));
  });

  it('goes from a term or an alias to its definition line', async () => {
    const files = {
      'serving/reverse_etl/job.py': 'def sync_reverse_e$$tl():\n    pass\n',
      'dbt/models/marts/fct.sql': '-- failures go to the D$$LQ\n',
    };
    const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
    expect(definition(f.ctx, f.doc('serving/reverse_etl/job.py'), f.pos('serving/reverse_etl/job.py'))).toEqual(at('file:///ws/glossary.yml', 3));
    expect(definition(f.ctx, f.doc('dbt/models/marts/fct.sql'), f.pos('dbt/models/marts/fct.sql'))).toEqual(at('file:///ws/docs/glossary.md', 6));
  });

  it('has no answer off a reference or term, or on an unknown decision', async () => {
    const path = 'serving/api/main.py';
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [path]: 'app = Fast$$a$$API()  # ADR-00$$b$$99\n' } });
    expect(definition(f.ctx, f.doc(path), f.pos(path, 'a'))).toBeNull();
    expect(definition(f.ctx, f.doc(path), f.pos(path, 'b'))).toBeNull();
  });
});
