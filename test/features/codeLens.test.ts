import { describe, expect, it } from 'vitest';
import type { StaleFinding } from '../../server/src/core/staleness';
import { codeLens, MAX_LENS_LENGTH, MAX_LENS_LINE } from '../../server/src/features/codeLens';
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
  it('names the standing decisions that govern a file in one lens and the view that documents it in another', async () => {
    const f = await featureFixture({ files: FILES });
    const elementLine = f.snapshot.views[0].elements[0].line;
    expect(elementLine).toBe(10);
    expect(codeLens(f.ctx, f.doc('connect/debezium/orders.json'))).toEqual([
      {
        range: TOP,
        command: {
          title: 'Governed by ADR-0007, ADR-0012',
          command: Commands.pickTarget,
          arguments: [
            'Decisions that govern this file',
            [
              { label: 'ADR-0007 Use Kafka Connect', description: 'accepted', uri: f.uri('docs/adr/0007-use-kafka-connect.md'), line: 5, action: 'open' },
              { label: 'ADR-0012 Data contracts', description: 'proposed', uri: f.uri('docs/adr/0012-data-contracts.md'), line: 5, action: 'open' },
            ],
          ],
        },
      },
      {
        range: TOP,
        command: { title: 'Documented in Component-and-connector view', command: Commands.open, arguments: [f.uri('docs/architecture/cc-view.md'), 10] },
      },
    ]);
  });

  it('opens the only target directly and matches globs, folder paths and nothing else', async () => {
    const f = await featureFixture({ files: FILES });
    const commands = (p: string) => codeLens(f.ctx, f.doc(p)).map((l) => l.command);
    expect(commands('airflow/dags/backfill.py')).toEqual([
      { title: 'Governed by ADR-0007', command: Commands.open, arguments: [f.uri('docs/adr/0007-use-kafka-connect.md'), 5] },
    ]);
    expect(commands('connect/sinks/s3.json').map((c) => c!.title)).toEqual(['Governed by ADR-0012']);
    expect(commands('serving/app.py').map((c) => c!.title)).toEqual(['Documented in Component-and-connector view']);
    expect(commands('README.md')).toEqual([]);
  });

  it('counts views and names at most two decisions, so the line stays short however much governs a file', async () => {
    const many: Record<string, string> = { ...FILES };
    for (const n of [20, 21, 22, 23]) many[`docs/adr/00${n}-rule-${n}.md`] = ['---', 'governs: [connect/**]', '---', `# ${n}. Rule ${n}`, ''].join('\n');
    many['docs/architecture/second-view.md'] = VIEW.replace('# Component-and-connector view', '# Deployment view');
    const f = await featureFixture({ files: many });
    const lenses = codeLens(f.ctx, f.doc('connect/debezium/orders.json'));
    expect(lenses.map((l) => l.command!.title)).toEqual(['Governed by ADR-0007, ADR-0012 +4', 'Documented in 2 views']);
    expect(lenses[0].command!.arguments![1]).toHaveLength(6);
    expect(lenses[1].command).toMatchObject({ command: Commands.pickTarget });
    expect(lenses[1].command!.arguments![1].map((t: { label: string }) => t.label)).toEqual([
      'Component-and-connector view › CDC pipeline',
      'Deployment view › CDC pipeline',
    ]);
  });

  it('puts stale documentation first, naming the document and how far behind it is', async () => {
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
    const one = await featureFixture({ files: FILES }, { stale: [finding] });
    const first = codeLens(one.ctx, one.doc('connect/debezium/orders.json'));
    expect(first.map((l) => l.command!.title)).toEqual(['⚠ ADR-0007 is 14 commits behind', 'Governed by ADR-0007, ADR-0012', 'Documented in Component-and-connector view']);
    expect(first[0].command).toEqual({ title: '⚠ ADR-0007 is 14 commits behind', command: Commands.showChanges, arguments: [one.uri('docs/adr/0007-use-kafka-connect.md')] });

    const f = await featureFixture({ files: FILES }, { stale: [finding, reviewed] });
    const [stale] = codeLens(f.ctx, f.doc('connect/debezium/orders.json'));
    expect(stale.command).toEqual({
      title: '⚠ 2 documents are behind',
      command: Commands.pickTarget,
      arguments: [
        'Stale documentation of this file',
        [
          { label: 'ADR-0007 is 14 commits behind', uri: f.uri('docs/adr/0007-use-kafka-connect.md'), line: 3, action: 'showChanges' },
          { label: 'Component-and-connector view is 1 commit behind', description: 'since it was reviewed', uri: f.uri('docs/architecture/cc-view.md'), line: 10, action: 'showChanges' },
        ],
      ],
    });
    expect(codeLens(f.ctx, f.doc('docs/adr/0007-use-kafka-connect.md'))).toEqual([
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        command: { title: '⚠ 14 commits behind connect/debezium/', command: Commands.showChanges, arguments: [f.uri('docs/adr/0007-use-kafka-connect.md')] },
      },
    ]);
    // Untrusted: no git, so no stale lenses; the index-only lenses stay.
    const untrusted = await featureFixture({ files: FILES }, { stale: [finding], trusted: false });
    expect(codeLens(untrusted.ctx, untrusted.doc('connect/debezium/orders.json')).map((l) => l.command!.title)).toEqual([
      'Governed by ADR-0007, ADR-0012',
      'Documented in Component-and-connector view',
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
    expect(lens.command!.title).toBe('Governed by ADR-0009');
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
  it('shows the decisions and views of a Debezium connector config, a picker for each', async () => {
    const files = exampleFiles();
    const f = await featureFixture({ files });
    const lenses = codeLens(f.ctx, f.doc('connect/debezium/orders-postgres-source.json'));
    const adr7 = f.snapshot.decisions.find((d) => d.number === 7)!;
    const cc = f.snapshot.views.find((v) => v.title === 'Component-and-connector view')!;
    const element = cc.elements.find((e) => e.name === 'Debezium source connectors')!;
    expect(lenses.map((l) => l.command!.title)).toEqual(['Governed by ADR-0007, ADR-0012', 'Documented in 2 views']);
    expect(lenses[0].command!.arguments![1][0]).toEqual({
      label: 'ADR-0007 Kafka Connect and Debezium for change data capture',
      description: 'accepted',
      uri: f.uri(adr7.path),
      line: adr7.line,
      action: 'open',
    });
    expect(lenses[1].command!.arguments![1]).toContainEqual({
      label: 'Component-and-connector view › Debezium source connectors',
      uri: f.uri(cc.path),
      line: element.line,
      action: 'open',
    });
  });

  it('keeps every lens of every file within the length that fits beside an open sidebar', async () => {
    const files = exampleFiles();
    const stale: StaleFinding[] = [];
    const f0 = await featureFixture({ files });
    // Every decision and view stale by 1,234 commits: the longest counts a real history could give.
    for (const d of f0.snapshot.decisions.filter((d) => d.governs.length > 0)) {
      stale.push({ docPath: d.path, docLine: d.line, subject: { kind: 'decision', id: d.id, title: d.title }, governedPaths: [...f0.snapshot.files], globs: d.governs, commitCount: 1234, latest: { hash: 'a', date: '2025-01-01', author: 'x', subject: 'y' }, docLastChanged: { date: '2024-01-01' }, message: '' });
    }
    const f = await featureFixture({ files }, { stale });
    let checked = 0;
    for (const path of Object.keys(files)) {
      const lenses = codeLens(f.ctx, f.doc(path));
      const byLine = new Map<number, string[]>();
      for (const l of lenses) byLine.set(l.range.start.line, [...(byLine.get(l.range.start.line) ?? []), l.command!.title]);
      for (const titles of byLine.values()) {
        checked++;
        for (const t of titles) expect(t.length, t).toBeLessThanOrEqual(MAX_LENS_LENGTH);
        expect(titles.length).toBeLessThanOrEqual(3);
        // As VS Code draws them: joined by " | ".
        expect(titles.join(' | ').length).toBeLessThanOrEqual(MAX_LENS_LINE);
        if (titles.some((t) => t.startsWith('⚠'))) expect(titles[0]).toMatch(/^⚠/);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
