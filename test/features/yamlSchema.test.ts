import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import pkg from '../../package.json';
import { CONFIG_FILE_SCHEMA } from '../../server/src/core/schemas/config';
import { FRONT_MATTER_SCHEMA } from '../../server/src/core/schemas/frontMatter';
import { objectProperties } from '../../server/src/core/schemas/jsonSchema';
import { DEFAULT_SETTINGS, flattenSettings, normaliseSettings } from '../../server/src/core/settings';
import { DECISION_STATUSES } from '../../server/src/core/model';
import { completion } from '../../server/src/features/completion';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { DATA_PLATFORM, featureFixture } from './helpers';

const ADR = (frontMatter: string[]) => ['---', ...frontMatter, '---', '', '# Use Kafka', '', 'Text.', ''].join('\n');
const PATH = 'docs/adr/0020-use-kafka.md';

async function at(files: Record<string, string>, path: string) {
  const f = await featureFixture({ files: { ...DATA_PLATFORM, ...files } });
  return { f, doc: f.doc(path), pos: f.pos(path) };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('.archlens.yml', () => {
  it('completes the keys of each level, leaving out those already written', async () => {
    const { f, doc, pos } = await at({ '.archlens.yml': 'decisions: ["records/*.md"]\n$$\n' }, '.archlens.yml');
    const top = labels(completion(f.ctx, doc, pos));
    expect(top).toEqual(expect.arrayContaining(['staleness', 'severity', 'inlayHints', 'codeLens', 'exclude', 'maxFileSize']));
    expect(top).not.toContain('decisions');
    const nested = await at({ '.archlens.yml': 'staleness:\n  minDays: 3\n  $$\n' }, '.archlens.yml');
    expect(labels(completion(nested.f.ctx, nested.doc, nested.pos)).sort()).toEqual(['botAuthors', 'enabled', 'ignore', 'minCommits']);
    const severity = await at({ '.archlens.yml': 'severity:\n  $$\n' }, '.archlens.yml');
    expect(labels(completion(severity.f.ctx, severity.doc, severity.pos))).toContain('stale-documentation');
  });

  it('completes allowed values: booleans and the severities', async () => {
    const b = await at({ '.archlens.yml': 'staleness:\n  enabled: $$\n' }, '.archlens.yml');
    expect(labels(completion(b.f.ctx, b.doc, b.pos))).toEqual(['true', 'false']);
    const s = await at({ '.archlens.yml': 'severity:\n  one-sided-relation: w$$\n' }, '.archlens.yml');
    const items = completion(s.f.ctx, s.doc, s.pos);
    expect(labels(items)).toEqual(['error', 'warning', 'information', 'hint', 'off']);
    expect(items[1].textEdit).toMatchObject({ range: { start: { line: 1, character: 22 }, end: { line: 1, character: 23 } }, newText: 'warning' });
  });

  it('explains a key on hover with its value type and default, from the settings the editor declares', async () => {
    const { f, doc, pos } = await at({ '.archlens.yml': 'staleness:\n  minCo$$mmits: 2\n' }, '.archlens.yml');
    const h = hover(f.ctx, doc, pos)!;
    const value = (h.contents as MarkupContent).value;
    expect(value.split('\n\n')[0]).toBe('**staleness.minCommits**');
    expect(value).toContain(pkg.contributes.configuration.properties['archlens.staleness.minCommits'].markdownDescription);
    expect(value).toContain('Default: `1`');
    expect(h.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 1, character: 12 } });
  });

  it('offers exactly the keys the settings reader accepts, with its defaults', () => {
    const leaves = (schema: typeof CONFIG_FILE_SCHEMA, prefix = ''): string[] =>
      Object.entries(objectProperties(schema)).flatMap(([k, v]) =>
        v.type === 'object' && k !== 'severity' && v.properties ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const keys = leaves(CONFIG_FILE_SCHEMA).sort();
    // `dates` and `statuses` describe the repository's documents, and `repository` and `sources` where its decisions
    // come from, so only the file has them.
    const fileOnly = ['dates', 'statuses', 'repository', 'sources'];
    expect(keys).toEqual([...Object.keys(flattenSettings(DEFAULT_SETTINGS)), ...fileOnly].sort());
    for (const key of keys.filter((k) => !fileOnly.includes(k))) {
      const reported: string[] = [];
      normaliseSettings({ [key]: (flattenSettings(DEFAULT_SETTINGS) as Record<string, unknown>)[key] }, (k, m) => reported.push(`${k}: ${m}`));
      expect(reported, key).toEqual([]);
    }
  });
});

describe('decision front matter', () => {
  it('completes keys, status values and nothing already written', async () => {
    const { f, doc, pos } = await at({ [PATH]: ADR(['status: accepted', '$$']) }, PATH);
    const keys = labels(completion(f.ctx, doc, pos));
    expect(keys).toEqual(expect.arrayContaining(['date', 'deciders', 'decision-makers', 'governs', 'supersedes', 'reviewed', 'tags']));
    expect(keys).not.toContain('status');
    const s = await at({ [PATH]: ADR(['status: $$']) }, PATH);
    expect(labels(completion(s.f.ctx, s.doc, s.pos))).toEqual([...DECISION_STATUSES]);
  });

  it('explains each key on hover', async () => {
    const { f, doc, pos } = await at({ [PATH]: ADR(['status: accepted', 'gov$$erns: [connect/**]']) }, PATH);
    const value = (hover(f.ctx, doc, pos)!.contents as MarkupContent).value;
    expect(value.split('\n\n')[0]).toBe('**governs**');
    expect(value).toContain(FRONT_MATTER_SCHEMA.properties!.governs.description);
    const st = await at({ [PATH]: ADR(['sta$$tus: accepted']) }, PATH);
    expect((hover(st.f.ctx, st.doc, st.pos)!.contents as MarkupContent).value).toContain(DECISION_STATUSES.map((s) => `\`${s}\``).join(', '));
  });

  it('reports deciders, review dates, commits and lists in the wrong form, at the value', async () => {
    const text = ADR([
      'status: accepted',
      'date: 2024-05-14',
      'deciders: [Priya Raman, "[Kwame](mailto:k@x.io)", Lena Vogel <lena@example.com>]',
      'consulted: "@data-team"',
      'reviewed: 14/05/2024',
      'reviewed-commit: not-a-hash',
      'tags: {a: 1}',
      'governs: [connect/**]',
    ]);
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [PATH]: text, 'connect/a.json': '{}' } });
    const found = diagnostics(f.ctx, f.doc(PATH)).filter((d) => d.code === 'invalid-front-matter');
    const lines = text.split('\n');
    expect(found.map((d) => [d.range.start.line, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)])).toEqual([
      [3, '"[Kwame](mailto:k@x.io)"'],
      [4, '"@data-team"'],
      [5, '14/05/2024'],
      [6, 'not-a-hash'],
      [7, 'tags: {a: 1}'],
    ]);
    expect(found[0].message).toBe('deciders: "[Kwame](mailto:k@x.io)" — a person is written as a name, optionally followed by <e-mail>, e.g. "Priya Raman" or "Priya Raman <priya@example.com>"');
    expect(found[2].message).toBe('reviewed: "14/05/2024" — a date is written YYYY-MM-DD');
  });

  it('leaves well-formed front matter, custom keys and other files alone', async () => {
    const text = ADR(['status: accepted', 'date: 2024-05-14', 'decision-makers: Priya Raman', 'reviewed: 2025-01-02', 'reviewed-commit: 3f2a9c1', 'team-specific: [anything]']);
    const f = await featureFixture({ files: { ...DATA_PLATFORM, [PATH]: text, 'notes/x.md': '---\ndeciders: "@x"\n---\n# Notes\n' } });
    expect(diagnostics(f.ctx, f.doc(PATH)).filter((d) => d.code === 'invalid-front-matter')).toEqual([]);
    expect(diagnostics(f.ctx, f.doc('notes/x.md')).filter((d) => d.code === 'invalid-front-matter')).toEqual([]);
    for (const path of Object.keys(DATA_PLATFORM).filter((p) => f.snapshot.decisionAt(p))) {
      expect(diagnostics(f.ctx, f.doc(path)).filter((d) => d.code === 'invalid-front-matter'), path).toEqual([]);
    }
  });
});
