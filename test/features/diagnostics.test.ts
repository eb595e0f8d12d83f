import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { PROBLEM_CODES } from '../../server/src/core/problems';
import type { StaleFinding } from '../../server/src/core/staleness';
import { featureDocument } from '../../server/src/features/context';
import { avoidIndexOf } from '../../server/src/core/rules/avoidedTerms';
import { diagnostics } from '../../server/src/features/diagnostics';
import { exampleFiles, featureFixture } from './helpers';

const ADR3 = ['# 3. Use Kafka', '', 'Date: 2023-01-01', '', '## Status', '', 'Superseded by [7. Use Kafka Connect](0007-use-kafka-connect.md)', '', '## Decision', '', 'Kafka.', ''].join('\n');
const ADR7 = [
  '---',
  'status: accepted',
  'date: 2024-02-01',
  'supersedes: [ADR-0003]',
  'governs: [connect/**]',
  '---',
  '# Use Kafka Connect',
  '',
  'We replace ADR-0003 with connectors.',
  '',
].join('\n');
const ADR8 = ['---', 'status: deprecated', '---', '# Nightly batch', '', 'Batch.', ''].join('\n');
const GLOSSARY = [
  'terms:',
  '  - name: connector',
  '    definition: A Kafka Connect plugin instance that moves data.',
  '    avoid: [adapter]',
  '  - name: reverse ETL',
  '    definition: Copying modelled data back.',
  '    avoid: [data activation]',
  '',
].join('\n');

const BASE = {
  'docs/adr/0003-use-kafka.md': ADR3,
  'docs/adr/0007-use-kafka-connect.md': ADR7,
  'docs/adr/0008-nightly-batch.md': ADR8,
  'glossary.yml': GLOSSARY,
};

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('diagnostics: references to decisions', () => {
  it('warns about unknown numbers and reports superseded and deprecated decisions with what replaces them', async () => {
    const f = await featureFixture({
      files: {
        ...BASE,
        'src/app.py': ['# See ADR-0003 and ADR-0042.', 'x = 1  # @adr 8', '# ADR-0007 is current', ''].join('\n'),
      },
    });
    expect(diagnostics(f.ctx, f.doc('src/app.py'))).toEqual([
      {
        range: range(0, 6, 0, 14),
        severity: DiagnosticSeverity.Information,
        code: 'superseded-decision',
        source: 'archlens',
        message: 'ADR-0003 Use Kafka is superseded by ADR-0007 Use Kafka Connect',
        data: { decision: 'docs/adr/0003-use-kafka', successor: 'docs/adr/0007-use-kafka-connect' },
      },
      {
        range: range(0, 19, 0, 27),
        severity: DiagnosticSeverity.Warning,
        code: 'unknown-decision',
        source: 'archlens',
        message: 'Unknown decision ADR-0042: no decision has number 42',
      },
      {
        range: range(1, 9, 1, 15),
        severity: DiagnosticSeverity.Information,
        code: 'superseded-decision',
        source: 'archlens',
        message: 'ADR-0008 Nightly batch is deprecated',
        data: { decision: 'docs/adr/0008-nightly-batch' },
      },
    ]);
  });

  it('reports a link into a decision folder whose file does not exist, but not links to other documents', async () => {
    const f = await featureFixture({
      files: {
        ...BASE,
        'docs/guide.md': ['# Guide', '', 'See [the old one](adr/0099-gone.md) and [notes](notes/missing.md).', ''].join('\n'),
      },
    });
    const result = diagnostics(f.ctx, f.doc('docs/guide.md'));
    expect(result).toEqual([
      {
        range: range(2, 18, 2, 34),
        severity: DiagnosticSeverity.Warning,
        code: 'unknown-decision',
        source: 'archlens',
        message: 'Unknown decision: docs/adr/0099-gone.md does not exist',
      },
    ]);
  });

  it('reports an @adr path that names a file which is not a decision, or no file at all', async () => {
    const f = await featureFixture({ files: { ...BASE, 'docs/guide.md': '# Guide\n', 'src/a.ts': '// @adr docs/guide.md\n// @adr docs/adr/0099-x.md\n' } });
    expect(diagnostics(f.ctx, f.doc('src/a.ts')).map((d) => [d.code, d.range, d.message])).toEqual([
      ['unknown-decision', range(0, 3, 0, 21), 'Unknown decision: docs/guide.md is not a decision'],
      ['unknown-decision', range(1, 3, 1, 26), 'Unknown decision: docs/adr/0099-x.md does not exist'],
    ]);
  });

  it('does not flag a decision citing the decisions it is related to', async () => {
    const f = await featureFixture({ files: BASE });
    // ADR-0007 supersedes ADR-0003 and names it in its body: that is history, not a stale citation.
    expect(diagnostics(f.ctx, f.doc('docs/adr/0007-use-kafka-connect.md')).filter((d) => d.code === 'superseded-decision')).toEqual([]);
    expect(diagnostics(f.ctx, f.doc('docs/adr/0003-use-kafka.md')).filter((d) => d.code === 'superseded-decision')).toEqual([]);
  });

  it('follows the severity settings and leaves out codes turned off', async () => {
    const files = { ...BASE, 'src/app.ts': '// ADR-0003, ADR-0042\n' };
    const f = await featureFixture(
      { files },
      { settings: { severity: { 'unknown-decision': 'error', 'superseded-decision': 'off' } } },
    );
    const result = diagnostics(f.ctx, f.doc('src/app.ts'));
    expect(result.map((d) => [d.code, d.severity, d.range])).toEqual([['unknown-decision', DiagnosticSeverity.Error, range(0, 13, 0, 21)]]);
  });
});

describe('diagnostics: index problems', () => {
  it('puts the problems of the index on their document, with their code and line', async () => {
    const bad = ['---', 'status: [unclosed', '---', '# 9. Broken', ''].join('\n');
    const f = await featureFixture({ files: { ...BASE, 'docs/adr/0009-broken.md': bad } });
    const expected = f.snapshot.problems.filter((p) => p.path === 'docs/adr/0009-broken.md');
    expect(expected.length).toBeGreaterThan(0);
    const result = diagnostics(f.ctx, f.doc('docs/adr/0009-broken.md'));
    expect(result.map((d) => d.code).sort()).toEqual(expected.map((p) => p.code).sort());
    const fm = result.find((d) => d.code === 'bad-front-matter')!;
    expect(fm.severity).toBe(DiagnosticSeverity.Error);
    expect(fm.range.start.line).toBe(expected.find((p) => p.code === 'bad-front-matter')!.line - 1);
    expect(fm.source).toBe('archlens');
  });

  it('reports a duplicate decision number on both documents', async () => {
    const f = await featureFixture({ files: { ...BASE, 'docs/adr/0007-again.md': '# 7. Again\n\nStatus: accepted\n' } });
    const d = diagnostics(f.ctx, f.doc('docs/adr/0007-again.md')).filter((x) => x.code === 'duplicate-number');
    expect(d).toEqual([
      {
        range: range(0, 0, 0, 10),
        severity: DiagnosticSeverity.Warning,
        code: 'duplicate-number',
        source: 'archlens',
        message: 'Decision number 7 is also used by docs/adr/0007-use-kafka-connect.md',
      },
    ]);
  });
});

describe('diagnostics: avoided words', () => {
  it('flags a word to avoid in a Python comment but not in code or strings', async () => {
    const py = ['adapter = make()  # the adapter is built here', 's = "an adapter # not a comment"', "t = f'adapter'  # Adapters too", ''].join('\n');
    const f = await featureFixture({ files: { ...BASE, 'src/job.py': py } });
    expect(diagnostics(f.ctx, f.doc('src/job.py'))).toEqual([
      {
        range: range(0, 24, 0, 31),
        severity: DiagnosticSeverity.Information,
        code: 'avoided-term',
        source: 'archlens',
        message: "'adapter' is a word the glossary asks to avoid; use 'connector'",
        data: 'connector',
      },
      {
        range: range(2, 18, 2, 26),
        severity: DiagnosticSeverity.Information,
        code: 'avoided-term',
        source: 'archlens',
        message: "'Adapters' is a word the glossary asks to avoid; use 'connector'",
        data: 'connector',
      },
    ]);
  });

  it('finds words in //, /* */, -- and # comments and in markdown prose outside code', async () => {
    const f = await featureFixture({
      files: {
        ...BASE,
        'src/a.ts': 'const adapter = 1; // adapter\n/* multi\n   data activation */\nconst s = `adapter // no`;\n',
        'sql/q.sql': "select 'adapter -- no' from t -- adapter\n",
        'deploy/values.yaml': "name: adapter#1 # adapter\nnote: 'adapter # no'\n",
        'docs/notes.md': ['# Notes', '', 'An adapter here. `adapter` in code.', '', '```', 'adapter', '```', '[x](adapter.md)', ''].join('\n'),
        'data/x.json': '{"adapter": 1}\n',
      },
    });
    const positions = (p: string) => diagnostics(f.ctx, f.doc(p)).filter((d) => d.code === 'avoided-term').map((d) => [d.range.start.line, d.range.start.character, d.data]);
    expect(positions('src/a.ts')).toEqual([
      [0, 22, 'connector'],
      [2, 3, 'reverse ETL'],
    ]);
    expect(positions('sql/q.sql')).toEqual([[0, 33, 'connector']]);
    expect(positions('deploy/values.yaml')).toEqual([[0, 18, 'connector']]);
    expect(positions('docs/notes.md')).toEqual([[2, 3, 'connector']]);
    expect(positions('data/x.json')).toEqual([]);
  });

  it('builds the avoid-word automaton once per scoped glossary', async () => {
    const f = await featureFixture({ files: BASE });
    const g = f.snapshot.glossary.forPath('src/a.py');
    expect(avoidIndexOf(g)).toBe(avoidIndexOf(f.snapshot.glossary.forPath('src/b.py')));
    expect(avoidIndexOf(g).preferred.map((t) => t.term)).toEqual(['connector', 'reverse ETL']);
  });

  it('does not flag the glossary that lists the word, and can be turned off', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.py': '# adapter\n' } }, { settings: { severity: { 'avoided-term': 'off' } } });
    expect(diagnostics(f.ctx, f.doc('glossary.yml'))).toEqual([]);
    expect(diagnostics(f.ctx, f.doc('src/a.py'))).toEqual([]);
  });
});

describe('diagnostics: stale documentation', () => {
  const finding: StaleFinding = {
    docPath: 'docs/adr/0007-use-kafka-connect.md',
    docLine: 5,
    subject: { kind: 'decision', id: 'docs/adr/0007-use-kafka-connect', title: 'Use Kafka Connect' },
    governedPaths: ['connect/orders.json'],
    globs: ['connect/**'],
    commitCount: 14,
    latest: { hash: '3f2a9c1d', date: '2025-10-11T10:00:00Z', author: 'Ana', subject: 'raise snapshot fetch size' },
    docLastChanged: { date: '2025-03-02T09:00:00Z', hash: 'aaaa' },
    message:
      "docs/adr/0007-use-kafka-connect.md (decision 'Use Kafka Connect') last changed 2025-03-02; 14 commits since touched connect/** (latest 2025-10-11 3f2a9c1 'raise snapshot fetch size')",
  };

  it('warns once, at the line of the stale document, listing the changed files; the governed file gets no diagnostic', async () => {
    const f = await featureFixture({ files: { ...BASE, 'connect/orders.json': '{\n  "name": "orders"\n}\n' } }, { stale: [finding] });
    expect(diagnostics(f.ctx, f.doc('connect/orders.json'))).toEqual([]);
    const onDoc = diagnostics(f.ctx, f.doc('docs/adr/0007-use-kafka-connect.md')).filter((d) => d.code === 'stale-documentation');
    expect(onDoc).toEqual([
      {
        range: range(4, 0, 4, 21),
        severity: DiagnosticSeverity.Warning,
        code: 'stale-documentation',
        source: 'archlens',
        message: finding.message,
        data: { docUri: 'file:///ws/docs/adr/0007-use-kafka-connect.md' },
        relatedInformation: [{ location: { uri: 'file:///ws/connect/orders.json', range: range(0, 0, 0, 0) }, message: 'connect/orders.json changed since the document' }],
      },
    ]);
  });

  it('reports missing code when the context carries such findings', async () => {
    const f = await featureFixture({ files: BASE });
    const ctx = {
      ...f.ctx,
      missingCode: [
        { docPath: 'docs/adr/0007-use-kafka-connect.md', line: 5, pattern: 'connect/**', kind: 'governs' as const, message: "docs/adr/0007-use-kafka-connect.md governs 'connect/**', which matches no file" },
      ],
    };
    expect(diagnostics(ctx, f.doc('docs/adr/0007-use-kafka-connect.md')).filter((d) => d.code === 'missing-code-path')).toEqual([
      {
        range: range(4, 0, 4, 21),
        severity: DiagnosticSeverity.Warning,
        code: 'missing-code-path',
        source: 'archlens',
        message: "docs/adr/0007-use-kafka-connect.md governs 'connect/**', which matches no file",
        data: { pattern: 'connect/**', kind: 'governs' },
      },
    ]);
  });
});

describe('diagnostics: hostile input', () => {
  it('never throws on binary-looking, CRLF, BOM or empty text', async () => {
    const f = await featureFixture({ files: { ...BASE, 'src/a.py': '\uFEFF# adapter\r\n# ADR-0003\r\n', 'src/empty.ts': '' } });
    expect(diagnostics(f.ctx, f.doc('src/empty.ts'))).toEqual([]);
    const r = diagnostics(f.ctx, f.doc('src/a.py'));
    expect(r.map((d) => [d.code, d.range])).toEqual([
      ['avoided-term', range(0, 3, 0, 10)],
      ['superseded-decision', range(1, 2, 1, 10)],
    ]);
    const huge = `/* ${'x'.repeat(100_000)}\n"unterminated ${'"'.repeat(3)} ''' \0\0 adapter`;
    const doc = featureDocument('src/huge.ts', f.uri('src/huge.ts'), 'typescript', 1, huge);
    // An unclosed block comment runs to the end of the file, so the word at the very end is in a comment.
    expect(diagnostics(f.ctx, doc).map((x) => [x.code, x.range.start])).toEqual([['avoided-term', { line: 1, character: 25 }]]);
  });
});


describe('diagnostics on the example workspace', () => {
  it('finds what its README promises, in Python, SQL and markdown, and nothing from other sources', async () => {
    const f = await featureFixture({ files: exampleFiles() });
    const all = Object.keys(f.files).flatMap((p) => diagnostics(f.ctx, f.doc(p)).map((d) => ({ p, d })));
    for (const { d } of all) {
      expect(d.source).toBe('archlens');
      expect(Object.keys(PROBLEM_CODES)).toContain(d.code);
    }
    const brief = (p: string) => diagnostics(f.ctx, f.doc(p)).map((d) => [d.code, d.range.start.line, d.range.start.character, d.data]);
    expect(brief('airflow/dags/orders_backfill.py')).toEqual([
      ['superseded-decision', 6, 2, { decision: 'docs/adr/0003-nightly-batch-ingestion-with-airflow', successor: 'docs/adr/0007-kafka-connect-and-debezium-for-cdc' }],
    ]);
    expect(diagnostics(f.ctx, f.doc('airflow/dags/orders_backfill.py'))[0].message).toBe(
      'ADR-0003 Nightly batch ingestion with Airflow is superseded by ADR-0007 Kafka Connect and Debezium for change data capture',
    );
    expect(brief('dbt/models/marts/fct_orders.sql')).toEqual([['unknown-decision', 1, 39, undefined]]);
    expect(brief('airflow/dags/reverse_etl_sync.py')).toEqual([['avoided-term', 18, 28, 'data product']]);
    // `[ADR-0006](0006-….md)` is one citation of a deprecated decision, reported once.
    expect(brief('docs/adr/0002-use-dbt-for-warehouse-transformations.md')).toEqual([
      ['superseded-decision', 41, 22, { decision: 'docs/adr/0006-great-expectations-for-data-quality' }],
    ]);
    expect(brief('glossary.yml').map((d) => d[0])).toEqual(['conflicting-term']);
  });

  it('diagnoses every line of a large file (its speed is measured in bench/, not here)', async () => {
    const f = await featureFixture({ files: BASE });
    const line = '    x = compute(a, b)  # the adapter for ADR-0042 and reverse ETL, see data activation notes\n';
    const text = line.repeat(20_000);
    const doc = featureDocument('src/big.py', f.uri('src/big.py'), 'python', 1, text);
    const result = diagnostics(f.ctx, doc);
    expect(result.filter((d) => d.code === 'avoided-term')).toHaveLength(40_000);
    // One unknown decision cited on every line is one warning, at its first citation, with the others related.
    const unknown = result.filter((d) => d.code === 'unknown-decision');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].range.start.line).toBe(0);
    expect(unknown[0].relatedInformation).toHaveLength(19_999);
    expect(unknown[0].relatedInformation?.[19_998].location.range.start.line).toBe(19_999);
  });
});

describe('diagnostics on real decision records', () => {
  it('gives every document of the corpora well-formed diagnostics of its own', async () => {
    const root = path.resolve(__dirname, '../../../shared/corpora');
    for (const corpus of readdirSync(root).filter((n) => statSync(path.join(root, n)).isDirectory())) {
      const files: Record<string, string> = {};
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const p = path.join(dir, name);
          if (statSync(p).isDirectory()) walk(p);
          else files[path.relative(path.join(root, corpus), p).split(path.sep).join('/')] = readFileSync(p, 'utf8');
        }
      };
      walk(path.join(root, corpus));
      // Cursor markers are part of the fixture syntax; real documents with `$$` keep them as text.
      const safe = Object.fromEntries(Object.entries(files).filter(([, t]) => !t.includes('$$')));
      const f = await featureFixture({ files: safe });
      let problems = 0;
      for (const p of Object.keys(f.files)) {
        const doc = f.doc(p);
        const result = diagnostics(f.ctx, doc);
        for (const d of result) {
          expect(d.source).toBe('archlens');
          expect(d.range.start.line).toBeGreaterThanOrEqual(0);
          expect(d.range.start.line).toBeLessThan(doc.lines.lineCount);
        }
        problems += result.filter((d) => f.snapshot.problems.some((x) => x.path === p && x.code === d.code)).length;
      }
      // Each problem of the index shows on its document (unless its severity hides it).
      expect(problems).toBe(f.snapshot.problems.filter((x) => x.path in f.files).length);
    }
  });
});
