import { describe, expect, it } from 'vitest';
import type { StaleFinding } from '../../server/src/core/staleness';
import { codeLens } from '../../server/src/features/codeLens';
import { compileCodePatterns as compilePaths } from '../../server/src/core/globs';
import { Commands } from '../../server/src/protocol';
import { exampleFiles, featureFixture } from './helpers';

const ADR7 = ['---', 'status: accepted', 'governs: [connect/debezium/, "airflow/dags/*.py"]', '---', '# 7. Use Kafka Connect', '', 'Text.', ''].join('\n');
const ADR12 = ['---', 'status: proposed', 'governs: connect/**', '---', '# 12. Data contracts', ''].join('\n');
const ADR3 = ['---', 'status: superseded', 'governs: [connect/**]', '---', '# 3. Use Kafka', ''].join('\n');
const VIEW = [
  '---',
  'view: component-and-connector',
  '---',
  '# Component-and-connector view',
  '',
  '## Element Catalog',
  '',
  '| Element | Responsibility | Code |',
  '| --- | --- | --- |',
  '| CDC pipeline | Streams changes | `connect/debezium/` |',
  '| Serving API | Serves features | `serving/` |',
  '',
].join('\n');
const FILES = {
  'docs/adr/0003-use-kafka.md': ADR3,
  'docs/adr/0007-use-kafka-connect.md': ADR7,
  'docs/adr/0012-data-contracts.md': ADR12,
  'docs/architecture/cc-view.md': VIEW,
  'connect/debezium/orders.json': '{}\n',
  'connect/sinks/s3.json': '{}\n',
  'airflow/dags/backfill.py': 'print(1)\n',
  'serving/app.py': 'print(1)\n',
  'README.md': '# Readme\n',
};
const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('code lens', () => {
  it('names the standing decisions that govern a file and the view element that documents it', async () => {
    const f = await featureFixture({ files: FILES });
    const elementLine = f.snapshot.views[0].elements[0].line;
    expect(elementLine).toBe(10);
    expect(codeLens(f.ctx, f.doc('connect/debezium/orders.json'))).toEqual([
      {
        range: TOP,
        command: { title: 'Governed by ADR-0007 Use Kafka Connect (accepted)', command: Commands.open, arguments: [f.uri('docs/adr/0007-use-kafka-connect.md'), 5] },
      },
      {
        range: TOP,
        command: { title: 'ADR-0012 Data contracts (proposed)', command: Commands.open, arguments: [f.uri('docs/adr/0012-data-contracts.md'), 5] },
      },
      {
        range: TOP,
        command: {
          title: 'Documented in: Component-and-connector view › CDC pipeline',
          command: Commands.open,
          arguments: [f.uri('docs/architecture/cc-view.md'), 10],
        },
      },
    ]);
  });

  it('matches globs, folder paths and nothing else', async () => {
    const f = await featureFixture({ files: FILES });
    const titles = (p: string) => codeLens(f.ctx, f.doc(p)).map((l) => l.command!.title);
    expect(titles('airflow/dags/backfill.py')).toEqual(['Governed by ADR-0007 Use Kafka Connect (accepted)']);
    expect(titles('connect/sinks/s3.json')).toEqual(['Governed by ADR-0012 Data contracts (proposed)']);
    expect(titles('serving/app.py')).toEqual(['Documented in: Component-and-connector view › Serving API']);
    expect(titles('README.md')).toEqual([]);
  });

  it('shows stale documentation with its count on the governed file and on the document', async () => {
    const finding: StaleFinding = {
      docPath: 'docs/adr/0007-use-kafka-connect.md',
      docLine: 3,
      subject: { kind: 'decision', id: 'docs/adr/0007-use-kafka-connect', title: 'Use Kafka Connect' },
      governedPaths: ['connect/debezium/orders.json'],
      globs: ['connect/debezium/'],
      commitCount: 14,
      latest: { hash: '3f2a9c1', date: '2025-10-11T10:00:00Z', author: 'Ana', subject: 'raise fetch size' },
      docLastChanged: { date: '2025-03-02T09:00:00Z', hash: 'aaaa' },
      message: 'stale',
    };
    const reviewed: StaleFinding = {
      ...finding,
      docPath: 'docs/architecture/cc-view.md',
      docLine: 10,
      subject: { kind: 'view-element', view: 'Component-and-connector view', element: 'CDC pipeline' },
      commitCount: 1,
      docLastChanged: { date: '2025-05-01', reviewed: true },
    };
    const f = await featureFixture({ files: FILES }, { stale: [finding, reviewed] });
    const lenses = codeLens(f.ctx, f.doc('connect/debezium/orders.json'));
    expect(lenses.slice(3)).toEqual([
      {
        range: TOP,
        command: { title: '⚠ stale: 14 commits since ADR-0007 changed', command: Commands.showChanges, arguments: [f.uri('docs/adr/0007-use-kafka-connect.md')] },
      },
      {
        range: TOP,
        command: {
          title: '⚠ stale: 1 commit since Component-and-connector view › CDC pipeline was reviewed',
          command: Commands.showChanges,
          arguments: [f.uri('docs/architecture/cc-view.md')],
        },
      },
    ]);
    expect(codeLens(f.ctx, f.doc('docs/adr/0007-use-kafka-connect.md'))).toEqual([
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        command: {
          title: '⚠ stale: 14 commits to connect/debezium/ since this document changed',
          command: Commands.showChanges,
          arguments: [f.uri('docs/adr/0007-use-kafka-connect.md')],
        },
      },
    ]);
    // Untrusted: no git, so no stale lenses; the index-only lenses stay.
    const untrusted = await featureFixture({ files: FILES }, { stale: [finding], trusted: false });
    expect(codeLens(untrusted.ctx, untrusted.doc('connect/debezium/orders.json')).map((l) => l.command!.command)).toEqual([
      Commands.open,
      Commands.open,
      Commands.open,
    ]);
  });

  it('is empty when code lens is turned off', async () => {
    const f = await featureFixture({ files: FILES }, { settings: { codeLens: { enabled: false } } });
    expect(codeLens(f.ctx, f.doc('connect/debezium/orders.json'))).toEqual([]);
  });

  it('passes only server-made URIs and numbers to commands, whatever the documents say', async () => {
    const hostile = ['---', 'governs: [src/**]', '---', '# 9. [x](command:workbench.action.terminal.new) `rm -rf`', ''].join('\n');
    const f = await featureFixture({ files: { ...FILES, 'docs/adr/0009-hostile.md': hostile, 'src/a.ts': '' } });
    const [lens] = codeLens(f.ctx, f.doc('src/a.ts'));
    expect(lens.command!.arguments).toEqual([f.uri('docs/adr/0009-hostile.md'), 4]);
    expect(lens.command!.command).toBe(Commands.open);
  });
});

describe('compilePaths', () => {
  it('reads literal paths as files or folders and globs as globs', () => {
    const t = compilePaths(['./src/x', 'lib/', 'dags/*.py', 'conf/**/']);
    expect(['src/x', 'src/x/y.ts', 'src/xy', 'lib/a', 'lib', 'dags/a.py', 'dags/sub/a.py', 'conf/a/b'].map(t)).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
  });
});

describe('code lens on the example workspace', () => {
  it('shows the decisions and view elements of a Debezium connector config', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const lenses = codeLens(f.ctx, f.doc('connect/debezium/orders-postgres-source.json'));
    const adr7 = f.snapshot.decisions.find((d) => d.number === 7)!;
    const adr12 = f.snapshot.decisions.find((d) => d.number === 12)!;
    const cc = f.snapshot.views.find((v) => v.title === 'Component-and-connector view')!;
    const element = cc.elements.find((e) => e.name === 'Debezium source connectors')!;
    expect(lenses.map((l) => l.command)).toEqual([
      { title: 'Governed by ADR-0007 Kafka Connect and Debezium for change data capture (accepted)', command: Commands.open, arguments: [f.uri(adr7.path), adr7.line] },
      { title: 'ADR-0012 Incremental snapshots for Debezium connectors (accepted)', command: Commands.open, arguments: [f.uri(adr12.path), adr12.line] },
      { title: 'Documented in: Component-and-connector view › Debezium source connectors', command: Commands.open, arguments: [f.uri(cc.path), element.line] },
      expect.objectContaining({ title: 'Documented in: Data pipeline view › CDC source connectors', command: Commands.open }),
    ]);
  });
});
