import { describe, expect, it } from 'vitest';
import { SymbolKind } from 'vscode-languageserver-types';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { DATA_PLATFORM, featureFixture } from './helpers';

const VIEW = [
  '---',
  'view: data-pipeline',
  'title: Data pipeline view',
  '---',
  '',
  '# Data Pipeline View',
  '',
  '## Primary Presentation',
  '',
  'Sources flow through CDC into bronze, then dbt builds silver and gold.',
  '',
  '## Element Catalog',
  '',
  '### CDC source connectors',
  '',
  'Code: `connect/debezium/*.json`',
  '',
  '### Staging models',
  '',
  'Code: `dbt/models/staging/**`',
  '',
].join('\n');

const at = (uri: string, line: number) => ({ uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } });

describe('workspace symbols', () => {
  it('lists decisions and views for an empty query', async () => {
    const f = await featureFixture({ files: { ...DATA_PLATFORM, 'docs/architecture/data-pipeline-view.md': VIEW } });
    expect(workspaceSymbols([f.ctx], '')).toEqual([
      {
        name: 'ADR-0003 Nightly batch ingestion with Airflow',
        kind: SymbolKind.File,
        location: at('file:///ws/docs/adr/0003-nightly-batch-ingestion.md', 0),
        containerName: 'superseded',
      },
      {
        name: 'ADR-0007 Kafka Connect and Debezium for CDC',
        kind: SymbolKind.File,
        location: at('file:///ws/docs/adr/0007-kafka-connect-for-cdc.md', 10),
        containerName: 'accepted',
      },
      {
        name: 'ADR-0012 Incremental snapshots for Debezium',
        kind: SymbolKind.File,
        location: at('file:///ws/docs/adr/0012-incremental-snapshots.md', 0),
        containerName: 'accepted',
      },
      {
        name: 'Data pipeline view',
        kind: SymbolKind.Namespace,
        location: at('file:///ws/docs/architecture/data-pipeline-view.md', 5),
        containerName: 'data-pipeline',
      },
    ]);
  });

  it('ranks decisions, terms and view elements by fuzzy match', async () => {
    const f = await featureFixture({ files: { ...DATA_PLATFORM, 'docs/architecture/data-pipeline-view.md': VIEW } });
    expect(workspaceSymbols([f.ctx], 'staging models')[0]).toEqual({
      name: 'Staging models',
      kind: SymbolKind.Module,
      location: at('file:///ws/docs/architecture/data-pipeline-view.md', 17),
      containerName: 'Data pipeline view',
    });
    expect(workspaceSymbols([f.ctx], 'reverse etl')[0]).toEqual({
      name: 'reverse ETL',
      kind: SymbolKind.Constant,
      location: at('file:///ws/glossary.yml', 3),
      containerName: 'glossary.yml',
    });
    expect(workspaceSymbols([f.ctx], 'ADR-0012')[0].name).toBe('ADR-0012 Incremental snapshots for Debezium');
    expect(workspaceSymbols([f.ctx], 'incremntal snapshots')[0].name).toBe('ADR-0012 Incremental snapshots for Debezium');
    expect(workspaceSymbols([f.ctx], 'zzqxv')).toEqual([]);
  });

  it('answers across workspace folders, each with its own URIs', async () => {
    const platform = await featureFixture({ files: { ...DATA_PLATFORM } }, { root: 'platform' });
    const web = await featureFixture(
      {
        files: {
          '.adr-dir': 'decisions\n',
          'decisions/0001-server-side-rendering.md': '# 1. Server-side rendering for the console\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Decision\n\nRender on the server.\n',
        },
      },
      { root: 'web' },
    );
    const all = workspaceSymbols([platform.ctx, web.ctx], '');
    expect(all.map((s) => [s.name, s.location.uri])).toEqual([
      ['ADR-0003 Nightly batch ingestion with Airflow', 'file:///platform/docs/adr/0003-nightly-batch-ingestion.md'],
      ['ADR-0007 Kafka Connect and Debezium for CDC', 'file:///platform/docs/adr/0007-kafka-connect-for-cdc.md'],
      ['ADR-0012 Incremental snapshots for Debezium', 'file:///platform/docs/adr/0012-incremental-snapshots.md'],
      ['ADR-0001 Server-side rendering for the console', 'file:///web/decisions/0001-server-side-rendering.md'],
    ]);
    expect(workspaceSymbols([platform.ctx, web.ctx], 'server-side rendering')[0].location.uri).toBe('file:///web/decisions/0001-server-side-rendering.md');
  });

  it('caps an empty query at 1,000 symbols', async () => {
    const files: Record<string, string> = { '.adr-dir': 'docs/adr\n' };
    for (let n = 1; n <= 1005; n++) {
      files[`docs/adr/${String(n).padStart(4, '0')}-decision-${n}.md`] = `# ${n}. Decision ${n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n`;
    }
    const f = await featureFixture({ files });
    const all = workspaceSymbols([f.ctx], '');
    expect(all).toHaveLength(1000);
    expect(all[999].name).toBe('ADR-1000 Decision 1000');
  });
});
