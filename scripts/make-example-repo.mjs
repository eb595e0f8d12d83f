#!/usr/bin/env node
// Materialises examples/data-platform as a git repository with a dated history, so staleness, rename following
// and "reviewed" front matter can be demonstrated and tested on real git output.
//
//   node scripts/make-example-repo.mjs <target-dir>
//
// Next to the target it also materialises examples/platform-decisions as its own repository
// (<target-dir>/../platform-decisions): the decision-only log of the platform, which data-platform's .archlens.yml
// reads through `sources:`. An existing, non-empty folder of that name is left alone.
//
// The target must not exist or must be empty. The history is deterministic: fixed authors, fixed ISO dates with
// offsets (TZ-independent), no signing and no user or system git configuration, so every run yields the same
// commit hashes. The final tree equals examples/data-platform byte for byte (checked before the script exits);
// earlier commits hold earlier versions derived from the final files by small, checked text edits.
//
// The plan (39 commits, 2024-01-15 .. 2025-06-09):
//
// STALE — governed code changed after the document's last commit:
//   docs/architecture/component-and-connector-view.md  last touched 2024-09-16; connect/debezium/ changed
//       2025-02-11 ("Raise snapshot fetch size"), 2025-03-04, 2025-03-25; serving/api/, console/src/ and the
//       Kafka Connect Helm values changed too. Renamed from runtime-view.md on 2024-09-02 (git mv).
//   docs/adr/0007-kafka-connect-and-debezium-for-cdc.md  last touched 2024-11-18; the same connect/debezium/
//       commits, and deploy/helm/kafka-connect/ on 2025-04-14.
//   docs/adr/0009-reverse-etl-into-the-serving-store.md  2024-08-19; serving/api/routes/features.py 2025-02-17.
//   docs/adr/0011-one-helm-chart-per-service.md  2024-10-07; deploy/helm/ changed 2024-12-02 and 2025-04-14.
//
// REVIEWED — stale by git, but front matter `reviewed: 2025-04-02` is after the last change to its code:
//   docs/adr/0012-incremental-snapshots-for-debezium.md  last touched 2025-03-03; connect/debezium/ changed
//       2025-03-04 and 2025-03-25.
//
// FRESH — the document was committed with or after the last change to everything it names:
//   docs/architecture/module-view.md (2025-05-26), docs/architecture/deployment-view.md (2025-04-22),
//   docs/architecture/data-pipeline-view.md (2025-05-06), docs/adr/0002 (2025-01-27), docs/adr/0008 (2024-06-10),
//   docs/adr/0013 (2024-12-02), docs/adr/0015 (2025-03-10).
//
// NOT STALE, although git dates say otherwise — changes that do not matter:
//   docs/adr/0015 (2025-03-10), docs/architecture/deployment-view.md: .github/workflows/dbt-ci.yml changed
//       2025-05-28 by dependabot[bot] (a bot).
//   docs/adr/0002 (2025-01-27), docs/architecture/module-view.md (2025-05-26), data-pipeline-view.md:
//       dbt/models/marts/fct_orders.sql re-indented 2025-05-30 (whitespace only).
//
// Also in history: airflow/dags/nightly_ingest.py is added with decision 3 and deleted when CDC replaces it.
//
// RENAMED — deploy/helm/airflow/ moves to deploy/helm/scheduler/ on 2025-06-04; the deployment view still names
//   the old folder, so its element matches no file and the finding offers to rewrite it to the new one. The move
//   is one more change under decision 11's deploy/helm/**.
//
// FROM THE SIBLING LOG (platform-decisions, 2 commits): its decision 102 governs `data-platform:dbt/snapshots/**`
//   and last changed 2025-02-03 there, after dbt/snapshots/ last changed here (2025-01-13): fresh.
//
// GUARDRAIL — the newest commit (2025-06-09) adds `sagemaker` to serving/requirements.txt, the SDK of the managed
//   feature store that docs/adr/0010 rejected (its `adopt-dependency` guardrail): `archlens check --base HEAD~1`
//   finds exactly that violation.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples');
const SOURCE = path.join(EXAMPLES, 'data-platform');
const LOG_SOURCE = path.join(EXAMPLES, 'platform-decisions');

const PRIYA = { name: 'Priya Raman', email: 'priya.raman@data-platform.example.com' };
const TOMAS = { name: 'Tomas Ferreira', email: 'tomas.ferreira@data-platform.example.com' };
const LENA = { name: 'Lena Vogel', email: 'lena.vogel@data-platform.example.com' };
const KWAME = { name: 'Kwame Mensah', email: 'kwame.mensah@data-platform.example.com' };
// GitHub's Dependabot, as its commits are authored; one of staleness.botAuthors' defaults.
const DEPENDABOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };

// Operations, applied in order within a commit:
//   { final: [paths] }             write the file as it is in examples/data-platform
//   { early: path | {from, to}, steps }  write the final file (under `to`, when given) with edits: ['replace', a, b], ['drop', lineContaining],
//                                  ['cut', fromText, toText|null]  (each edit must apply, or the script stops)
//   { write: path, text }          write a literal earlier version
//   { mv: [from, to] }  { rm: path }
const F = (...paths) => ({ final: paths });
const E = (file, ...steps) => ({ early: file, steps });
const W = (file, text) => ({ write: file, text });

const ORDERS = 'connect/debezium/orders-postgres-source.json';
const CUSTOMERS = 'connect/debezium/customers-mysql-source.json';
const CC_VIEW = 'docs/architecture/component-and-connector-view.md';
const RUNTIME_VIEW = 'docs/architecture/runtime-view.md';

const ordersBeforeColumnExclusion = [['drop', '"column.exclude.list"']];
const ordersBeforeFetchSize = [...ordersBeforeColumnExclusion, ['replace', '"snapshot.fetch.size": "10240"', '"snapshot.fetch.size": "2048"']];
const customersBeforeHeartbeat = [['drop', '"heartbeat.interval.ms"'], ['drop', '"heartbeat.action.query"']];
const customersBeforeFetchSize = [...customersBeforeHeartbeat, ['replace', '"snapshot.fetch.size": "10240"', '"snapshot.fetch.size": "2048"']];
const kafkaConnectBeforeHeap = [
  ['replace', '-Xms3g -Xmx3g', '-Xms2g -Xmx2g'],
  ['replace', 'requests: {cpu: "1", memory: 4Gi}', 'requests: {cpu: "1", memory: 3Gi}'],
  ['replace', 'limits: {memory: 5Gi}', 'limits: {memory: 4Gi}'],
];
const servingValuesBeforeSlo = [
  ['replace', 'tag: "2.3.0"', 'tag: "2.0.0"'],
  ['drop', '# Readiness fails'],
  ['replace', '  readiness: /readyz', '  readiness: /healthz'],
  ['cut', '\nslo:\n', null],
];

const COMMITS = [
  {
    date: '2024-01-15T10:12:00+01:00', author: PRIYA, subject: 'Record architecture decisions',
    ops: [
      F('.adr-dir', 'docs/adr/0001-record-architecture-decisions.md', 'docs/adr/template.md'),
      W('README.md', '# Data Platform\n\nIngestion, warehouse models and serving for the data platform. Documentation: `mkdocs serve`.\n'),
      E('mkdocs.yml', ['cut', '  - Architecture:\n', '  - Decisions: adr/\n'], ['drop', '  - Glossary: glossary.md']),
      E('docs/index.md', ['cut', '## Documentation Roadmap', null]),
    ],
  },
  {
    date: '2024-02-05T14:03:00+00:00', author: TOMAS, subject: 'Adopt dbt for warehouse transformations',
    ops: [
      E('docs/adr/0002-use-dbt-for-warehouse-transformations.md', ['cut', '\n## More Information', null]),
      E('dbt/dbt_project.yml', ['replace', 'version: "1.8.0"', 'version: "1.7.0"'], ['drop', 'snapshot-paths']),
      W('dbt/models/staging/stg_orders.sql', [
        '-- One row per order from the nightly extract.',
        'select',
        '    id::varchar          as order_id,',
        '    customer_id::varchar as customer_id,',
        '    status::varchar      as order_status,',
        '    total / 100.0        as order_total,',
        '    updated_at           as changed_at',
        "from {{ source('raw', 'orders') }}",
        '',
      ].join('\n')),
      W('dbt/models/staging/stg_customers.sql', [
        '-- One row per customer from the nightly extract.',
        'select',
        '    id::varchar     as customer_id,',
        '    lower(email)    as email,',
        '    country         as country_code,',
        '    segment,',
        '    updated_at      as changed_at',
        "from {{ source('raw', 'customers') }}",
        '',
      ].join('\n')),
      W('dbt/models/staging/schema.yml', [
        'version: 2',
        '',
        'sources:',
        '  - name: raw',
        '    description: Nightly extracts of the operational databases.',
        '    database: RAW',
        '    schema: NIGHTLY',
        '    tables:',
        '      - name: orders',
        '      - name: customers',
        '',
        'models:',
        '  - name: stg_orders',
        '    columns:',
        '      - name: order_id',
        '        tests: [unique, not_null]',
        '  - name: stg_customers',
        '    columns:',
        '      - name: customer_id',
        '        tests: [unique, not_null]',
        '',
      ].join('\n')),
    ],
  },
  {
    date: '2024-02-20T09:45:00+01:00', author: TOMAS, subject: 'Ingest the operational databases in a nightly batch',
    ops: [
      E('docs/adr/0003-nightly-batch-ingestion-with-airflow.md',
        ['replace', 'Superseded by [7. Kafka Connect and Debezium for change data capture](0007-kafka-connect-and-debezium-for-cdc.md)', 'Accepted']),
      W('airflow/dags/nightly_ingest.py', [
        '"""Nightly extract of the orders and customers tables into the warehouse RAW.NIGHTLY schema."""',
        'from datetime import datetime',
        '',
        'from airflow import DAG',
        'from airflow.operators.bash import BashOperator',
        '',
        '# ADR-0003: full extracts between 01:00 and 04:00 UTC, replacing the previous copy.',
        'with DAG(dag_id="nightly_ingest", start_date=datetime(2024, 2, 20), schedule="0 1 * * *", catchup=False) as dag:',
        '    for table in ("orders", "customers"):',
        '        BashOperator(',
        '            task_id=f"extract_{table}",',
        '            bash_command=f"python -m ingest.extract --table {table} --target RAW.NIGHTLY.{table.upper()}",',
        '        )',
        '',
      ].join('\n')),
    ],
  },
  {
    date: '2024-03-12T16:20:00+01:00', author: LENA, subject: 'Medallion layers: bronze, silver and gold',
    ops: [
      F('docs/adr/0004-medallion-layers-in-the-lakehouse.md'),
      W('dbt/models/marts/fct_orders.sql', [
        '-- Gold layer fact table: one row per order. see ADR-0004',
        'select',
        '    o.order_id,',
        '    o.customer_id,',
        '    o.order_status,',
        '    o.order_total,',
        '    o.changed_at',
        "from {{ ref('stg_orders') }} as o",
        '',
      ].join('\n')),
      W('dbt/models/marts/dim_customers.sql', [
        '-- Customer dimension, current state only. see ADR-0004',
        'select customer_id, email, country_code, segment, changed_at as updated_at',
        "from {{ ref('stg_customers') }}",
        '',
      ].join('\n')),
      W('dbt/models/marts/schema.yml', [
        'version: 2',
        '',
        'models:',
        '  - name: fct_orders',
        '    description: Orders fact table, gold layer.',
        '    columns:',
        '      - name: order_id',
        '        tests: [unique, not_null]',
        '  - name: dim_customers',
        '    description: Customer dimension, one row per customer.',
        '    columns:',
        '      - name: customer_id',
        '        tests: [unique, not_null]',
        '',
      ].join('\n')),
      E('airflow/dags/dbt_build_daily.py',
        ['replace', 'staging, snapshots and marts', 'staging and marts'],
        ['cut', '    # SCD type 2 history', '    build_marts = '],
        ['replace', 'source_freshness >> snapshot_customers >> build_marts', 'source_freshness >> build_marts']),
      E('docs/glossary.md', ['cut', '## Operations', null]),
      E('glossary.yml',
        ['cut', '  - name: reverse ETL\n', '  - name: warehouse\n'],
        ['cut', '  - name: exposure\n', '  - name: lineage\n'],
        ['cut', '  - name: SCD type 2\n', '  - name: backfill\n'],
        ['cut', '  - name: data contract\n', '  - name: freshness\n']),
    ],
  },
  {
    date: '2024-04-02T11:00:00+02:00', author: KWAME, subject: 'Serve features from a warehouse read replica',
    ops: [
      E('docs/adr/0005-serve-features-from-a-warehouse-read-replica.md',
        ['replace', '| Status        | Superseded |', '| Status        | Accepted   |'], ['drop', '| Superseded by |']),
      F('serving/api/__init__.py', 'serving/api/routes/__init__.py'),
      E('serving/requirements.txt', ['drop', 'sagemaker==']),
      W('serving/api/main.py', [
        '"""Serving API: low-latency reads of customer features for the product teams."""',
        'from fastapi import FastAPI',
        '',
        'from serving.api.routes import features',
        '',
        'app = FastAPI(title="Data Platform Serving API", version="1.0.0")',
        'app.include_router(features.router, prefix="/v1")',
        '',
      ].join('\n')),
      W('serving/api/store.py', [
        '"""Read access to the warehouse read replica, with a result cache in front of it."""',
        'import os',
        'from functools import lru_cache',
        '',
        'import snowflake.connector',
        '',
        'WAREHOUSE_ACCOUNT = os.environ.get("WAREHOUSE_ACCOUNT", "dataplatform.eu-west-1")',
        '',
        '',
        '@lru_cache(maxsize=100_000)',
        'def fetch_customer_features(customer_id: str) -> dict | None:',
        '    # ADR-0005: the cache carries the latency target; a miss costs a warehouse query.',
        '    with snowflake.connector.connect(account=WAREHOUSE_ACCOUNT, warehouse="SERVING_XS") as conn:',
        '        row = conn.cursor().execute(',
        '            "SELECT lifetime_value, orders_90d, churn_score FROM analytics.marts.dim_customers "',
        '            "WHERE customer_id = %s",',
        '            (customer_id,),',
        '        ).fetchone()',
        '    return None if row is None else {"lifetime_value": row[0], "orders_90d": row[1], "churn_score": row[2]}',
        '',
      ].join('\n')),
      W('serving/api/routes/features.py', [
        '"""Feature lookups by customer."""',
        'from fastapi import APIRouter, HTTPException',
        '',
        'from serving.api import store',
        '',
        'router = APIRouter(tags=["features"])',
        '',
        '',
        '@router.get("/customers/{customer_id}/features")',
        'def customer_features(customer_id: str) -> dict:',
        '    found = store.fetch_customer_features(customer_id)',
        '    if found is None:',
        '        raise HTTPException(status_code=404, detail="unknown customer")',
        '    return found',
        '',
      ].join('\n')),
    ],
  },
  {
    date: '2024-04-15T10:30:00+02:00', author: LENA, subject: 'Check data quality with Great Expectations',
    ops: [
      E('docs/adr/0006-great-expectations-for-data-quality.md',
        ['replace', 'status: deprecated', 'status: accepted'], ['cut', '\n## Deprecation', null]),
    ],
  },
  {
    date: '2024-04-22T15:10:00+02:00', author: KWAME, subject: 'Deploy the serving API with Helm',
    ops: [
      E('deploy/helm/serving-api/values.yaml',
        ['replace', '# Serving API release values. governed by ADR-0011 (one chart per service) and ADR-0013 (SLOs).', '# Serving API release values.'],
        ['replace', 'tag: "2.3.0"', 'tag: "1.0.0"'],
        ['drop', '# Readiness fails'],
        ['replace', '  readiness: /readyz', '  readiness: /healthz'],
        ['cut', '\nslo:\n', null]),
    ],
  },
  {
    date: '2024-05-14T09:00:00+02:00', author: PRIYA, subject: 'Stream changes with Kafka Connect and Debezium instead of the nightly batch',
    body: 'The nightly batch no longer fits its window and misses deletes. Decision 3 is superseded by decision 7.',
    ops: [
      E('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md', ['cut', 'Amended by [12.', '## Context and Problem Statement']),
      F('docs/adr/0003-nightly-batch-ingestion-with-airflow.md'),
      E(ORDERS, ...ordersBeforeFetchSize,
        ['replace', 'ADR-0007: CDC from the orders database through Debezium; ADR-0012: incremental snapshots via the signal table.', 'ADR-0007: CDC from the orders database through Debezium.'],
        ['replace', 'public.orders,public.order_lines,public.payments', 'public.orders,public.order_lines'],
        ['drop', '"signal.data.collection"'], ['drop', '"incremental.snapshot.chunk.size"'], ['drop', '"heartbeat.interval.ms"']),
      E(CUSTOMERS, ...customersBeforeFetchSize, ['drop', '"signal.data.collection"']),
      E('deploy/helm/kafka-connect/values.yaml', ...kafkaConnectBeforeHeap,
        ['replace', '# governed by ADR-0011; connector choices in ADR-0007, DLQ settings in ADR-0008.', '# Connector choices in ADR-0007.'],
        ['drop', '  - snowflake']),
      F('airflow/dags/orders_backfill.py', 'dbt/models/staging/stg_orders.sql', 'dbt/models/staging/stg_customers.sql', 'dbt/models/staging/schema.yml'),
      { rm: 'airflow/dags/nightly_ingest.py' },
    ],
  },
  {
    date: '2024-05-20T17:30:00+02:00', author: PRIYA, subject: 'Describe the runtime components',
    ops: [
      // The view starts life as runtime-view.md: its final text, edited back, under its first name.
      E({ from: CC_VIEW, to: RUNTIME_VIEW },
        ['replace', 'title: Component-and-connector view', 'title: Runtime view'],
        ['replace', '# Component-and-Connector View', '# Runtime View'],
        ['drop', 'failed records --> dlq'],
        ['replace', '  wh -- hourly reverse ETL --> retl[Reverse ETL job]\n', '  wh -- read replica --> api[Serving API]\n'],
        ['drop', 'retl -- upsert --> store'], ['drop', 'store --> api'], ['drop', 'api -- HTTP --> console'],
        ['drop', '| Reverse ETL job |'], ['drop', '| Ops console |'],
        ['replace', 'the warehouse; route failures to the DLQ |', 'the warehouse |'],
        ['replace', '| Answers feature lookups; reports freshness |', '| Answers feature lookups from the warehouse read replica |'],
        ['replace', ', SQL upsert (reverse ETL to serving store)', ''],
        ['replace', 'and the on-call, who receives pages from DLQ growth and SLO burn-rate alerts.', 'and the on-call.'],
        ['replace', '; each gets its own `dlq.<connector>` topic.', '.'],
        ['cut', ' Dead letter queues keep', '\n\n## Related Views'],
        ['replace', '- [Deployment view](deployment-view.md): where these components run.', '- Deployment view: to be written.'],
        ['replace', '- [Data pipeline view](data-pipeline-view.md): the layers the data passes through.', '- Data pipeline view: to be written.']),
      E('docs/architecture/index.md',
        ['drop', '| [Module view]'], ['drop', '| [Deployment view]'], ['drop', '| [Data pipeline view]'],
        ['replace', '[Component-and-connector view](component-and-connector-view.md)', '[Runtime view](runtime-view.md)'],
        ['replace', 'A reverse ETL job copies gold-layer features into the serving store, which the\nserving API reads. An ops console shows lineage and freshness.', 'The serving API reads features from a\nwarehouse read replica.']),
    ],
  },
  {
    date: '2024-06-10T13:15:00+02:00', author: LENA, subject: 'Route failed sink records to dead letter queues',
    ops: [F('docs/adr/0008-dead-letter-queues-for-sink-connectors.md', 'connect/sinks/s3-bronze-sink.json', 'connect/sinks/warehouse-snowflake-sink.json')],
  },
  {
    date: '2024-07-01T10:00:00+02:00', author: TOMAS, subject: 'Document the module view',
    ops: [
      E('docs/architecture/module-view.md',
        ['replace', '  api -- reads store written by --> retl\n', '  api -- reads --> marts\n'],
        ['drop', 'snapshots'], ['drop', 'retl'], ['drop', 'console'], ['drop', '| Reverse ETL job |'],
        ['replace', 'Schedules dbt, backfills and the reverse ETL sync;', 'Schedules dbt and backfills;'],
        ['drop', '- New feature:'],
        ['replace', ';\nserving code never reads the warehouse ([ADR-0009](../adr/0009-reverse-etl-into-the-serving-store.md)).', '.'],
        ['drop', '- [Data pipeline view]'],
        ['replace', '[Component-and-connector view](component-and-connector-view.md)', '[Runtime view](runtime-view.md)']),
    ],
  },
  {
    date: '2024-08-19T11:45:00+02:00', author: KWAME, subject: 'Copy features into a serving store with reverse ETL',
    body: 'Warehouse lookups missed the latency target whenever the cache was cold. Decision 9 supersedes decision 5.',
    ops: [
      F('docs/adr/0009-reverse-etl-into-the-serving-store.md', 'docs/adr/0005-serve-features-from-a-warehouse-read-replica.md'),
      E('serving/api/main.py',
        ['replace', 'from serving.api.routes import features, health', 'from serving.api.routes import features'],
        ['drop', 'app.include_router(health.router)'], ['replace', 'version="2.3.0"', 'version="2.0.0"']),
      F('serving/api/store.py'),
      E('serving/api/routes/features.py',
        ['replace', 'Feature lookups: one customer, or a batch of up to 500.', 'Feature lookups by customer.'],
        ['drop', 'from pydantic'], ['cut', 'MAX_BATCH = 500\n', '\n@router.get'], ['cut', '\n\n@router.post(', null]),
      F('serving/reverse_etl/reverse_etl_job.py', 'serving/reverse_etl/sync_config.yml', 'airflow/dags/reverse_etl_sync.py',
        'dbt/models/marts/exposures.yml', 'serving/glossary.yml'),
      W('dbt/models/marts/dim_customers.sql', [
        '-- Customer dimension, current state only. see ADR-0004',
        'select',
        '    c.customer_id, c.email, c.country_code, c.segment,',
        '    -- feature columns read by the serving API through reverse ETL',
        '    f.lifetime_value, f.orders_90d, f.churn_score,',
        '    greatest(c.changed_at, f.computed_at) as updated_at',
        "from {{ ref('stg_customers') }} as c",
        "left join {{ source('features', 'customer_scores') }} as f using (customer_id)",
        '',
      ].join('\n')),
    ],
  },
  {
    date: '2024-09-02T09:20:00+02:00', author: PRIYA, subject: 'Rename the runtime view to component-and-connector view',
    body: 'Views and Beyond calls it a component-and-connector view; the new name matches the other views.',
    ops: [{ mv: [RUNTIME_VIEW, CC_VIEW] }, F('docs/architecture/index.md')],
  },
  {
    date: '2024-09-16T14:40:00+02:00', author: LENA, subject: 'Ops console: lineage and freshness client',
    ops: [
      F('console/package.json', 'console/tsconfig.json', 'console/src/lineageClient.ts', 'console/src/cdcEvents.ts', CC_VIEW),
      E('console/src/freshness.ts',
        ['drop', '// @adr 13'],
        ['replace', "export type FreshnessState = 'ok' | 'at-risk' | 'breached';", "export type FreshnessState = 'ok' | 'breached';"],
        ['drop', '/** A reading within 80%'],
        ['replace', "  if (reading.lagSeconds > reading.sloSeconds) return 'breached';\n  return reading.lagSeconds > reading.sloSeconds * 0.8 ? 'at-risk' : 'ok';",
          "  return reading.lagSeconds > reading.sloSeconds ? 'breached' : 'ok';"]),
    ],
  },
  {
    date: '2024-09-23T10:00:00+02:00', author: KWAME, subject: 'Decide against a managed feature store',
    ops: [F('docs/adr/0010-adopt-a-managed-feature-store.md')],
  },
  {
    date: '2024-10-07T16:00:00+02:00', author: KWAME, subject: 'Deploy every service from one Helm chart per service',
    ops: [
      F('docs/adr/0011-one-helm-chart-per-service.md'),
      E({ from: 'deploy/helm/scheduler/values.yaml', to: 'deploy/helm/airflow/values.yaml' }),
      E('deploy/helm/kafka-connect/values.yaml', ...kafkaConnectBeforeHeap),
      E('deploy/helm/serving-api/values.yaml', ...servingValuesBeforeSlo,
        ['replace', 'governed by ADR-0011 (one chart per service) and ADR-0013 (SLOs).', 'governed by ADR-0011 (one chart per service).']),
      E('docs/architecture/deployment-view.md',
        ['replace', '3 GiB heap each', '2 GiB heap each'], ['drop', '| Slim CI runner |'],
        ['replace', 'autoscaled on CPU; SLO targets in values', 'autoscaled on CPU'],
        ['replace', ' The Kafka Connect heap was raised in April 2025 after incremental snapshots of\nthe payments table ran out of memory.', '']),
    ],
  },
  {
    date: '2024-11-18T11:30:00+01:00', author: PRIYA, subject: 'Take incremental snapshots through a signal table',
    body: 'Snapshotting the payments table stopped CDC for five hours. Decision 12 amends decision 7.',
    ops: [
      E('docs/adr/0012-incremental-snapshots-for-debezium.md', ['drop', 'reviewed:']),
      F('docs/adr/0007-kafka-connect-and-debezium-for-cdc.md'),
      E(ORDERS, ...ordersBeforeFetchSize),
      E(CUSTOMERS, ...customersBeforeFetchSize),
    ],
  },
  {
    date: '2024-12-02T10:15:00+01:00', author: KWAME, subject: 'Serving API SLOs: availability, latency and freshness',
    ops: [
      F('docs/adr/0013-slos-for-the-serving-api.md', 'serving/api/routes/health.py', 'serving/api/main.py',
        'deploy/helm/serving-api/values.yaml', 'docs/glossary.md'),
    ],
  },
  {
    date: '2024-12-09T15:00:00+01:00', author: TOMAS, subject: 'Document the data pipeline view',
    ops: [
      E('docs/architecture/data-pipeline-view.md', ['cut', '### Customer snapshot\n', '### Marts\n'], ['drop', 'silver -->|dbt snapshot| scd'],
        ['replace', 'silver & scd -->|dbt marts|', 'silver -->|dbt marts|']),
      F('mkdocs.yml', 'docs/index.md', 'docs/includes/abbreviations.md'),
    ],
  },
  {
    date: '2025-01-13T09:40:00+01:00', author: TOMAS, subject: 'Keep customer history as an SCD type 2 snapshot',
    ops: [
      F('dbt/snapshots/customers_snapshot.sql', 'dbt/models/marts/dim_customers.sql', 'dbt/models/marts/schema.yml',
        'airflow/dags/dbt_build_daily.py', 'dbt/dbt_project.yml'),
      // Indented by two spaces until the formatting commit of 2025-05-30.
      E('dbt/models/marts/fct_orders.sql', ['replace', '\n    ', '\n  ']),
    ],
  },
  {
    date: '2025-01-20T16:45:00+01:00', author: LENA, subject: 'Propose data contracts for CDC topics',
    ops: [F('docs/adr/0014-data-contracts-for-cdc-topics.md')],
  },
  {
    date: '2025-01-27T11:00:00+01:00', author: TOMAS, subject: 'Replace Great Expectations suites with dbt tests',
    ops: [F('docs/adr/0006-great-expectations-for-data-quality.md', 'docs/adr/0002-use-dbt-for-warehouse-transformations.md')],
  },
  {
    date: '2025-02-11T10:05:00+01:00', author: PRIYA, subject: 'Raise snapshot fetch size',
    body: 'Incremental snapshot chunks of order_lines were bound by round trips, not by the database.',
    ops: [E(ORDERS, ...ordersBeforeColumnExclusion), E(CUSTOMERS, ...customersBeforeHeartbeat)],
  },
  {
    date: '2025-02-17T14:30:00+01:00', author: KWAME, subject: 'Add a batch endpoint for feature lookups',
    ops: [F('serving/api/routes/features.py')],
  },
  {
    date: '2025-03-03T09:15:00+01:00', author: PRIYA, subject: 'Decision 12: record the connector review',
    ops: [F('docs/adr/0012-incremental-snapshots-for-debezium.md')],
  },
  {
    date: '2025-03-04T13:20:00+01:00', author: PRIYA, subject: 'Add heartbeats to the customers CDC connector',
    body: 'Quiet CRM tables let the binlog position fall behind the server purge.',
    ops: [F(CUSTOMERS)],
  },
  {
    date: '2025-03-10T10:00:00+01:00', author: TOMAS, subject: 'Slim CI for dbt pull requests',
    ops: [F('docs/adr/0015-slim-ci-for-dbt-pull-requests.md', 'glossary.yml'), E('.github/workflows/dbt-ci.yml', ['replace', 'actions/checkout@v4', 'actions/checkout@v3'])],
  },
  {
    date: '2025-03-25T17:05:00+01:00', author: LENA, subject: 'Exclude audit columns from the orders CDC stream',
    ops: [F(ORDERS)],
  },
  {
    date: '2025-04-14T11:25:00+02:00', author: KWAME, subject: 'Raise Kafka Connect worker heap to 3 GiB',
    ops: [F('deploy/helm/kafka-connect/values.yaml')],
  },
  {
    date: '2025-04-22T15:50:00+02:00', author: KWAME, subject: 'Deployment view: worker sizing and the CI runner',
    ops: [F('docs/architecture/deployment-view.md')],
  },
  {
    date: '2025-05-06T10:30:00+02:00', author: TOMAS, subject: 'Data pipeline view: customer snapshot and incremental CDC snapshots',
    ops: [F('docs/architecture/data-pipeline-view.md')],
  },
  {
    date: '2025-05-12T09:00:00+02:00', author: PRIYA, subject: 'Draft: compaction schedule for Iceberg tables',
    ops: [F('docs/adr/0016-compaction-schedule-for-iceberg-tables.md')],
  },
  {
    date: '2025-05-19T16:10:00+02:00', author: LENA, subject: 'Console: flag data products at risk of missing their freshness SLO',
    ops: [F('console/src/freshness.ts')],
  },
  {
    date: '2025-05-26T11:40:00+02:00', author: TOMAS, subject: 'Module view: snapshots, reverse ETL and the ops console',
    ops: [F('docs/architecture/module-view.md')],
  },
  {
    date: '2025-05-28T07:12:00+00:00', author: DEPENDABOT, subject: 'Bump actions/checkout from 3 to 4 in /.github/workflows',
    ops: [F('.github/workflows/dbt-ci.yml')],
  },
  {
    date: '2025-05-30T09:00:00+02:00', author: TOMAS, subject: 'Reformat fct_orders with four-space indentation',
    ops: [F('dbt/models/marts/fct_orders.sql')],
  },
  {
    date: '2025-06-02T10:00:00+02:00', author: PRIYA, subject: 'Configure Archlens and describe the repository',
    ops: [F('.archlens.yml', 'README.md')],
  },
  {
    date: '2025-06-04T16:30:00+02:00', author: KWAME, subject: 'Move the Airflow chart to deploy/helm/scheduler',
    ops: [{ mv: ['deploy/helm/airflow', 'deploy/helm/scheduler'] }],
  },
  {
    date: '2025-06-09T14:25:00+02:00', author: KWAME, subject: 'Prototype online feature reads from the SageMaker feature store',
    ops: [F('serving/requirements.txt')],
  },
];

// The platform's decision-only log: decisions about every repository of the platform, none of them code.
const LOG_COMMITS = [
  {
    date: '2024-11-04T10:00:00+01:00', author: PRIYA, subject: 'Keep platform decisions in one log',
    ops: [F('README.md', 'docs/adr/0101-keep-platform-decisions-in-one-log.md')],
  },
  {
    date: '2025-02-03T11:30:00+01:00', author: LENA, subject: 'Close deleted records in history tables',
    ops: [F('docs/adr/0102-close-deleted-records-in-history-tables.md')],
  },
];

function main() {
  const arg = process.argv[2];
  if (!arg || arg === '-h' || arg === '--help') {
    process.stderr.write('usage: node scripts/make-example-repo.mjs <target-dir>\n');
    process.exit(2);
  }
  const target = path.resolve(arg);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    process.stderr.write(`make-example-repo: ${target} exists and is not an empty folder; refusing to write into it\n`);
    process.exit(1);
  }
  const log = path.join(path.dirname(target), 'platform-decisions');
  const logBusy = fs.existsSync(log) && (!fs.statSync(log).isDirectory() || fs.readdirSync(log).length > 0);
  materialise(target, SOURCE, COMMITS);
  const count = git(target, null, ['rev-list', '--count', 'HEAD']).trim();
  process.stdout.write(`${target}\n${count} commits\n`);
  if (logBusy) {
    process.stdout.write(`${log} exists; left as it is\n`);
  } else {
    materialise(log, LOG_SOURCE, LOG_COMMITS);
    process.stdout.write(`${log}\n${git(log, null, ['rev-list', '--count', 'HEAD']).trim()} commits (the sibling decision log)\n`);
  }
}

/** Builds `target` as a repository whose commits write files of `source`; its final tree must equal `source`. */
function materialise(target, source, commits) {
  fs.mkdirSync(target, { recursive: true });
  git(target, null, ['init', '--quiet']);
  for (const commit of commits) {
    const touched = new Set();
    for (const op of commit.ops) apply(target, op, touched, source);
    if (touched.size > 0) git(target, commit, ['add', '--all', '--', ...touched]);
    const message = commit.body ? ['-m', commit.subject, '-m', commit.body] : ['-m', commit.subject];
    git(target, commit, ['commit', '--quiet', '--no-verify', ...message]);
  }
  checkTreeEqualsExample(target, source);
}

function apply(target, op, touched, source) {
  if (op.final) {
    for (const rel of op.final) writeFile(target, rel, readFinal(rel, source), touched);
  } else if (op.early) {
    const { from, to } = typeof op.early === 'string' ? { from: op.early, to: op.early } : op.early;
    writeFile(target, to, derive(from, op.steps, source), touched);
  } else if (op.write !== undefined) {
    writeFile(target, op.write, Buffer.from(op.text), touched);
  } else if (op.mv) {
    // git mv and git rm stage their change themselves.
    git(target, null, ['mv', op.mv[0], op.mv[1]]);
  } else if (op.rm) {
    git(target, null, ['rm', '--quiet', op.rm]);
  } else {
    throw new Error(`unknown operation ${JSON.stringify(op)}`);
  }
}

function readFinal(rel, source = SOURCE) {
  return fs.readFileSync(path.join(source, rel));
}

/** An earlier version of a file: the final text with edits that must each apply, so drift in the example is caught. */
function derive(rel, steps, source) {
  let text = readFinal(rel, source).toString('utf8');
  for (const [kind, a, b] of steps) {
    const fail = () => {
      throw new Error(`make-example-repo: cannot derive an earlier ${rel}: ${kind} ${JSON.stringify(a)} does not apply`);
    };
    if (kind === 'replace') {
      if (!text.includes(a)) fail();
      text = text.split(a).join(b);
    } else if (kind === 'drop') {
      const lines = text.split('\n');
      const kept = lines.filter((line) => !line.includes(a));
      if (kept.length === lines.length) fail();
      text = kept.join('\n');
    } else if (kind === 'cut') {
      const from = text.indexOf(a);
      const to = b === null ? text.length : text.indexOf(b, from + a.length);
      if (from < 0 || to < 0) fail();
      text = text.slice(0, from) + text.slice(to);
    } else {
      throw new Error(`unknown edit ${kind}`);
    }
  }
  return Buffer.from(text.replace(/\n*$/, '\n'));
}

function writeFile(target, rel, content, touched) {
  const abs = path.join(target, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
  fs.chmodSync(abs, 0o644);
  touched.add(rel);
}

function listFiles(root, dir = '', out = []) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rel !== '.git') listFiles(root, rel, out);
    } else out.push(rel);
  }
  return out.sort();
}

function checkTreeEqualsExample(target, source) {
  const expected = listFiles(source);
  const actual = listFiles(target);
  const missing = expected.filter((f) => !actual.includes(f));
  const extra = actual.filter((f) => !expected.includes(f));
  const differing = expected.filter((f) => actual.includes(f) && !readFinal(f, source).equals(fs.readFileSync(path.join(target, f))));
  const status = git(target, null, ['status', '--porcelain']);
  if (missing.length || extra.length || differing.length || status.trim()) {
    throw new Error(
      `make-example-repo: the final tree differs from ${path.relative(path.dirname(EXAMPLES), source)}\n` +
        `missing: ${missing.join(', ')}\nextra: ${extra.join(', ')}\ndiffering: ${differing.join(', ')}\nstatus: ${status}`,
    );
  }
}

/** Runs git with no user or system configuration, so the hashes depend only on this script. */
function git(cwd, commit, args) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    LC_ALL: 'C',
    TZ: 'UTC',
  };
  const who = commit?.author ?? PRIYA;
  if (commit) {
    Object.assign(env, {
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_AUTHOR_DATE: commit.date,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_COMMITTER_DATE: commit.date,
    });
  }
  const config = [
    '-c', `user.name=${who.name}`,
    '-c', `user.email=${who.email}`,
    '-c', 'commit.gpgsign=false',
    '-c', 'init.defaultBranch=main',
    '-c', 'core.autocrlf=false',
    '-c', 'core.fileMode=true',
  ];
  return execFileSync('git', [...config, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

main();
