// The example's decisions carry the guardrails they imply; these tests run them on the example workspace as it is,
// and on the change each guardrail exists to stop.
import { describe, expect, it } from 'vitest';
import { guardrailIndex } from '../../server/src/core/guardrails';
import { guardrailFindings } from '../../server/src/features/guardrails';
import { exampleFiles, featureFixture } from '../features/helpers';

async function findingsIn(files: Record<string, string>, path: string) {
  const f = await featureFixture({ files });
  return guardrailFindings(f.ctx, f.doc(path));
}

describe('guardrails of the example repository', () => {
  it('has one violation as it stands: the rejected feature store SDK in the serving requirements', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const index = guardrailIndex(f.snapshot);
    expect(index.entries.map((e) => `${e.decision.number} ${e.guardrail.kind} ${e.mode ?? 'not enforced'}`)).toEqual([
      '4 forbid-import enforce',
      '6 adopt-dependency retired',
      '10 adopt-dependency retired',
    ]);
    const everywhere = [...index.pathsToCheck()].flatMap((p) => guardrailFindings(f.ctx, f.doc(p)));
    expect(everywhere.map((x) => `${x.path}:${x.range.start.line} ${x.message}`)).toEqual([
      'serving/requirements.txt:8 sagemaker comes from ADR-0010 (Adopt a managed feature store), which is rejected: a second transformation layer, a second lineage graph and a per-read price for eleven features; use reverse ETL into the serving store (ADR-0009) instead',
    ]);
  });

  it('the medallion decision keeps marts reading staging models: a raw source in a mart is flagged, in staging it is not', async () => {
    const files = exampleFiles();
    files['dbt/models/marts/fct_order_events.sql'] = "select * from {{ source('cdc', 'orders') }}\n";
    const [f] = await findingsIn(files, 'dbt/models/marts/fct_order_events.sql');
    expect(f.message).toBe(
      'Import of source:cdc.orders is forbidden in dbt/models/marts/** by ADR-0004 (Medallion layers: bronze, silver and gold): marts read staging models through ref(), never raw sources',
    );
    expect(f.related?.[0].path).toBe('docs/adr/0004-medallion-layers-in-the-lakehouse.md');
    expect(await findingsIn(files, 'dbt/models/staging/stg_orders.sql')).toEqual([]);
  });

  it('the deprecated data-quality decision flags its library, with what replaced it', async () => {
    const files = exampleFiles();
    files['airflow/requirements.txt'] = 'apache-airflow==2.9.3\ngreat_expectations==0.18.12\n';
    expect((await findingsIn(files, 'airflow/requirements.txt')).map((x) => [x.range.start.line, x.message])).toEqual([
      [2, 'great_expectations comes from ADR-0006 (Great Expectations for data quality checks), which is deprecated: the suites drifted from the models they check; use dbt tests next to each model instead'],
    ]);
  });
});
