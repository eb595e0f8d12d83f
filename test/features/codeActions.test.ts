import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { StaleFinding } from '../../server/src/core/staleness';
import { codeActions } from '../../server/src/features/codeActions';
import { replaceNumber } from '../../server/src/core/lifecycle';
import { relativePath } from '../../server/src/core/paths';
import { diagnostics } from '../../server/src/features/diagnostics';
import { Commands } from '../../server/src/protocol';
import { exampleFiles, featureFixture, type FeatureFixture } from './helpers';

const ADR3 = ['# 3. Use Kafka', '', '## Status', '', 'Superseded by [ADR-0012](0012-use-kafka-connect.md)', ''].join('\n');
const ADR12 = ['---', 'status: accepted', 'supersedes: [ADR-0003]', 'governs: [connect/**]', '---', '# Use Kafka Connect', '', 'Connectors.', ''].join('\n');
const GLOSSARY = ['terms:', '  - name: connector', '    definition: A Kafka Connect plugin instance.', '    avoid: [adapter]', '  - name: DLQ', '    definition: Dead letter queue.', '    avoid: [error topic]', ''].join('\n');
const BASE = { 'docs/adr/0003-use-kafka.md': ADR3, 'docs/adr/0012-use-kafka-connect.md': ADR12, 'glossary.yml': GLOSSARY };
const ENV = { today: '2025-10-12', head: '3f2a9c1d5e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c' };
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

/** The actions the editor gets for every diagnostic of a document, as it asks for them. */
function actionsFor(f: FeatureFixture, path: string, code?: string): { actions: CodeAction[]; diags: Diagnostic[] } {
  const doc = f.doc(path);
  const diags = diagnostics(f.ctx, doc).filter((d) => !code || d.code === code);
  return { actions: codeActions(f.ctx, doc, WHOLE, diags, ENV), diags };
}

function applied(f: FeatureFixture, path: string, action: CodeAction): string {
  const doc = TextDocument.create(f.uri(path), 'x', 1, f.files[path]);
  const changes = action.edit?.changes ?? {};
  expect(Object.keys(changes)).toEqual([f.uri(path)]);
  return TextDocument.applyEdits(doc, changes[f.uri(path)]);
}

describe('code actions: superseded decisions', () => {
  it('rewrites ADR ids keeping prefix case and zero padding, and @adr tags keeping their form', async () => {
    const code = ['# ADR-0003 and adr-003 and ADR 3', '// @adr 3, @adr #3', ''].join('\n');
    const f = await featureFixture({ files: { ...BASE, 'src/a.ts': code } });
    const { actions, diags } = actionsFor(f, 'src/a.ts');
    expect(diags.map((d) => d.code)).toEqual(Array(5).fill('superseded-decision'));
    expect(actions.map((a) => [a.title, a.edit!.changes![f.uri('src/a.ts')]])).toEqual([
      ['Replace with ADR-0012 Use Kafka Connect', [{ range: diags[0].range, newText: 'ADR-0012' }]],
      ['Replace with ADR-0012 Use Kafka Connect', [{ range: diags[1].range, newText: 'adr-012' }]],
      ['Replace with ADR-0012 Use Kafka Connect', [{ range: diags[2].range, newText: 'ADR 12' }]],
      ['Replace with ADR-0012 Use Kafka Connect', [{ range: diags[3].range, newText: '@adr 12' }]],
      ['Replace with ADR-0012 Use Kafka Connect', [{ range: diags[4].range, newText: '@adr #12' }]],
    ]);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: [diags[0]] });
  });

  it('rewrites a markdown link to a relative link to the new file, and its label when it named the old decision', async () => {
    const f = await featureFixture({
      files: {
        ...BASE,
        'docs/a.md': 'See [ADR-0003](adr/0003-use-kafka.md#decision).\n',
        'docs/b.md': 'See [3. Use Kafka](./adr/0003-use-kafka.md "old").\n',
        'docs/c.md': 'See [why we chose it](<adr/0003-use-kafka.md>).\n',
      },
    });
    // The label `ADR-0003` is a reference of its own, but one citation gets one fix, which rewrites both.
    const a = actionsFor(f, 'docs/a.md').actions;
    expect(a.map((x) => applied(f, 'docs/a.md', x))).toEqual(['See [ADR-0012](adr/0012-use-kafka-connect.md).\n']);
    const b = actionsFor(f, 'docs/b.md').actions;
    expect(b.map((x) => applied(f, 'docs/b.md', x))).toEqual(['See [12. Use Kafka Connect](./adr/0012-use-kafka-connect.md "old").\n']);
    expect(b[0].edit!.changes![f.uri('docs/b.md')]).toEqual([
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 17 } }, newText: '12. Use Kafka Connect' },
      { range: { start: { line: 0, character: 19 }, end: { line: 0, character: 42 } }, newText: './adr/0012-use-kafka-connect.md' },
    ]);
    const c = actionsFor(f, 'docs/c.md').actions;
    expect(c.map((x) => applied(f, 'docs/c.md', x))).toEqual(['See [why we chose it](<adr/0012-use-kafka-connect.md>).\n']);
  });

  it('links from another folder with ../ and cites by path in an @adr path tag', async () => {
    const f = await featureFixture({
      files: {
        ...BASE,
        'src/app/README.md': 'Read [it](../../docs/adr/0003-use-kafka.md).\n',
        'src/app/job.py': '# @adr docs/adr/0003-use-kafka.md\n',
      },
    });
    expect(applied(f, 'src/app/README.md', actionsFor(f, 'src/app/README.md').actions[0])).toBe('Read [it](../../docs/adr/0012-use-kafka-connect.md).\n');
    expect(applied(f, 'src/app/job.py', actionsFor(f, 'src/app/job.py').actions[0])).toBe('# @adr docs/adr/0012-use-kafka-connect.md\n');
  });

  it('offers the fix in an untrusted workspace, since it only edits the open document', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.ts': '// ADR-0003\n' } }, { trusted: false });
    expect(applied(f, 'src/a.ts', actionsFor(f, 'src/a.ts').actions[0])).toBe('// ADR-0012\n');
  });

  it('ignores diagnostics of other tools and diagnostics whose decision is gone', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.ts': '// ADR-0003\n' } });
    const doc = f.doc('src/a.ts');
    const [d] = diagnostics(f.ctx, doc);
    expect(codeActions(f.ctx, doc, d.range, [{ ...d, source: 'eslint' }], ENV)).toEqual([]);
    expect(codeActions(f.ctx, doc, d.range, [{ ...d, data: { decision: 'docs/adr/nope', successor: 'docs/adr/nope2' } }], ENV)).toEqual([]);
  });
});

describe('code actions: avoided words', () => {
  it('replaces the word with the preferred term, keeping the first letter case and the plural', async () => {
    const py = ['# Adapter setup', '# the adapters and the error topic', ''].join('\n');
    const f = await featureFixture({ files: { ...BASE, 'src/job.py': py } });
    const { actions, diags } = actionsFor(f, 'src/job.py');
    expect(actions).toEqual([
      {
        title: "Replace 'Adapter' with 'Connector'",
        kind: 'quickfix',
        diagnostics: [diags[0]],
        isPreferred: true,
        edit: { changes: { [f.uri('src/job.py')]: [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 9 } }, newText: 'Connector' }] } },
      },
      {
        title: "Replace 'adapters' with 'connectors'",
        kind: 'quickfix',
        diagnostics: [diags[1]],
        isPreferred: true,
        edit: { changes: { [f.uri('src/job.py')]: [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } }, newText: 'connectors' }] } },
      },
      {
        title: "Replace 'error topic' with 'DLQ'",
        kind: 'quickfix',
        diagnostics: [diags[2]],
        isPreferred: true,
        edit: { changes: { [f.uri('src/job.py')]: [{ range: { start: { line: 1, character: 23 }, end: { line: 1, character: 34 } }, newText: 'DLQ' }] } },
      },
    ]);
  });
});

describe('code actions: stale documentation', () => {
  const finding: StaleFinding = {
    docPath: 'docs/adr/0012-use-kafka-connect.md',
    docLine: 4,
    subject: { kind: 'decision', id: 'docs/adr/0012-use-kafka-connect', title: 'Use Kafka Connect' },
    governedPaths: ['connect/orders.json'],
    globs: ['connect/**'],
    commitCount: 14,
    latest: { hash: '3f2a9c1', date: '2025-10-11T10:00:00Z', author: 'Ana', subject: 'raise fetch size' },
    docLastChanged: { date: '2025-03-02T09:00:00Z', hash: 'aaaa' },
    message: 'stale',
  };
  const files = { ...BASE, 'connect/orders.json': '{}\n' };

  it('marks the open document reviewed with one edit of its front matter, and shows the changes', async () => {
    const f = await featureFixture({ files }, { stale: [finding] });
    const path = 'docs/adr/0012-use-kafka-connect.md';
    const { actions, diags } = actionsFor(f, path, 'stale-documentation');
    expect(actions.map((a) => a.title)).toEqual(['Mark as reviewed', 'Show changes since documented']);
    expect(actions[0].diagnostics).toEqual(diags);
    expect(applied(f, path, actions[0])).toBe(ADR12.replace('governs: [connect/**]\n', `governs: [connect/**]\nreviewed: 2025-10-12\nreviewed-commit: ${ENV.head}\n`));
    expect(actions[1].command).toEqual({ title: 'Show changes since documented', command: Commands.showChanges, arguments: [f.uri(path)] });
    expect(actions[1].edit).toBeUndefined();
  });

  it('offers nothing for stale documentation in an untrusted workspace', async () => {
    const f = await featureFixture({ files }, { stale: [finding], trusted: false });
    expect(actionsFor(f, 'docs/adr/0012-use-kafka-connect.md', 'stale-documentation').actions).toEqual([]);
    expect(actionsFor(f, 'connect/orders.json').actions).toEqual([]);
  });
});

describe('path helpers', () => {
  it('computes relative paths and replaces numbers', () => {
    expect(relativePath('docs', 'docs/adr/x.md')).toBe('adr/x.md');
    expect(relativePath('docs/adr', 'docs/adr/x.md')).toBe('x.md');
    expect(relativePath('src/app', 'docs/adr/x.md')).toBe('../../docs/adr/x.md');
    expect(relativePath('', 'x.md')).toBe('x.md');
    expect(replaceNumber('ADR-0003', 12)).toBe('ADR-0012');
    expect(replaceNumber('Adr-3', 12)).toBe('Adr-12');
    expect(replaceNumber('@adr ADR-007', 12)).toBe('@adr ADR-012');
  });
});

describe('code actions on the example workspace', () => {
  it('rewrites the superseded ADR-0003 in the backfill DAG and replaces "dataset" in the reverse ETL DAG', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const backfill = 'airflow/dags/orders_backfill.py';
    const [fix] = actionsFor(f, backfill).actions;
    expect(fix.title).toBe('Replace with ADR-0007 Kafka Connect and Debezium for change data capture');
    expect(applied(f, backfill, fix)).toBe(files[backfill].replace('# ADR-0003:', '# ADR-0007:'));
    const sync = 'airflow/dags/reverse_etl_sync.py';
    const [term] = actionsFor(f, sync).actions;
    expect(term.title).toBe("Replace 'dataset' with 'data product'");
    expect(applied(f, sync, term)).toBe(files[sync].replace('customer_features dataset', 'customer_features data product'));
  });
});
