// `archlens index --json` over each real corpus, with no configuration: the decisions found where each project
// keeps them, their statuses, dates and relations, and exactly the problems the files deserve. Every expected value
// below was read off the files by hand (see the comments for where).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../server/src/adapters/nodeWorkspace';
import { runCli } from '../../server/src/cli/run';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { IndexJson } from '../../server/src/core/snapshot';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

type DecisionJson = IndexJson['decisions'][number];

/** Runs the CLI verb in-process, as `archlens index <root> --json` would, and parses what it prints. */
async function indexJson(root: string): Promise<IndexJson> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['index', root, '--json'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: CORPORA,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as IndexJson;
}

function byId(json: IndexJson): Map<string, DecisionJson> {
  return new Map(json.decisions.map((d) => [d.id, d]));
}

/** Problems as `code path:line` strings, in the order the index sorts them (path, line, code). */
function problemList(json: IndexJson): string[] {
  return json.problems.map((p) => `${p.code} ${p.path}:${p.line}`);
}

function statusCounts(json: IndexJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of json.decisions) counts[String(d.status)] = (counts[String(d.status)] ?? 0) + 1;
  return counts;
}

/** What holds for every corpus: relative `/` paths to files that exist, ids derived from paths, sorted output. */
function expectWellFormed(json: IndexJson, root: string): void {
  const paths = [
    ...json.decisions.map((d) => d.path),
    ...json.problems.map((p) => p.path),
    ...json.terms.map((t) => t.path),
    ...json.views.map((v) => v.path),
  ];
  for (const p of paths) {
    expect(p).not.toMatch(/^\/|\\|^[A-Za-z]:|(^|\/)\.\.?\//);
    expect(statSync(path.join(root, p)).isFile(), p).toBe(true);
  }
  for (const d of json.decisions) {
    expect(d.id).toBe(d.path.replace(/\.md$/, ''));
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.title.trim()).not.toBe('');
    if (d.date !== null) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  const decisionPaths = json.decisions.map((d) => d.path);
  expect(decisionPaths).toEqual([...decisionPaths].sort());
  // Every relation points at a decision of the index, and its reverse side says so, except that a proposal (or a
  // draft or rejected record) does not supersede or amend another until it is accepted.
  const ids = byId(json);
  const pending = (d: DecisionJson) => d.status === 'proposed' || d.status === 'draft' || d.status === 'rejected';
  for (const d of json.decisions) {
    for (const t of d.supersedes) expect(ids.get(t)?.supersededBy.includes(d.id) || (ids.has(t) && pending(d)), `${d.id} supersedes ${t}`).toBe(true);
    for (const t of d.supersededBy) expect(ids.get(t)?.supersedes).toContain(d.id);
    for (const t of d.amends) expect(ids.get(t)?.amendedBy.includes(d.id) || (ids.has(t) && pending(d)), `${d.id} amends ${t}`).toBe(true);
    for (const t of d.amendedBy) expect(ids.get(t)?.amends).toContain(d.id);
  }
}

describe('index --json on arachne (adr-NNN files at the top level, Nygard order)', () => {
  const root = path.join(CORPORA, 'arachne');
  let json: IndexJson;
  beforeAll(async () => {
    json = await indexJson('arachne');
  });

  it('finds the seventeen top-level adr-NNN records and nothing else', () => {
    expectWellFormed(json, root);
    expect(json.decisions.map((d) => d.path)).toEqual([
      'adr-001-use-adrs.md',
      'adr-002-configuration.md',
      'adr-003-config-implementation.md',
      'adr-004-module-loading.md',
      'adr-005-user-facing-config.md',
      'adr-006-core-runtime.md',
      'adr-007-configuration-updates.md',
      'adr-008-abstract-modules.md',
      'adr-009-datomic-config-ontology.md',
      'adr-010-persistent-configs.md',
      'adr-011-asset-pipeline.md',
      'adr-012-additional-validation.md',
      'adr-013-error-reporting.md',
      'adr-014-project-templates.md',
      'adr-015-data-abstraction-model.md',
      'adr-016-db-migrations.md',
      'adr-017-simplify-chimera-model.md',
    ]);
    expect(json.decisions.map((d) => d.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(json.terms).toEqual([]);
    expect(json.views).toEqual([]);
  });

  it('reads the Status section after the Decision, normalising PROPOSED in capitals', () => {
    // adr-001 says "Accepted"; 002-005 say "Proposed"; 006-017 say "PROPOSED".
    expect(json.decisions.map((d) => d.status)).toEqual(['accepted', ...Array(16).fill('proposed')]);
    const ids = byId(json);
    // Titles drop the "Architecture Decision Record: " prefix every file's heading carries.
    expect(ids.get('adr-001-use-adrs')?.title).toBe('Use ADRs');
    expect(ids.get('adr-017-simplify-chimera-model')?.title).toBe('Simplification of Chimera Model');
    // No record has a Date line.
    expect(json.decisions.every((d) => d.date === null)).toBe(true);
  });

  it('adr-017.md:3 reads the partial supersession in its note as amending 15 and 16, and reports no problem', () => {
    // adr-017:3 "this ADR supersedes some aspects of ADR-15 and ADR-16" is a partial supersession, so it amends them;
    // being only proposed, it has not changed them yet, so they say nothing back and no problem is reported.
    for (const d of json.decisions) {
      const amends = d.path === 'adr-017-simplify-chimera-model.md' ? ['adr-015-data-abstraction-model', 'adr-016-db-migrations'] : [];
      expect([d.supersedes, d.supersededBy, d.amends, d.amendedBy], d.path).toEqual([[], [], amends, []]);
    }
    expect(json.problems).toEqual([]);
  });
});

describe('index --json on govuk-infrastructure (adr-tools, .adr-dir)', () => {
  const root = path.join(CORPORA, 'govuk-infrastructure');
  const folder = 'docs/architecture/decisions';
  let json: IndexJson;
  beforeAll(async () => {
    json = await indexJson('govuk-infrastructure');
  });

  it('finds the 24 records of the folder .adr-dir names, without its 0000-TEMPLATE.md', () => {
    expectWellFormed(json, root);
    expect(existsSync(path.join(root, folder, '0000-TEMPLATE.md'))).toBe(true);
    expect(json.decisions).toHaveLength(24);
    expect(json.decisions.every((d) => d.path.startsWith(`${folder}/`))).toBe(true);
    expect(json.decisions.map((d) => d.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('reads every Date line and Status section: all accepted but 0007, deprecated without successor', () => {
    // The Date: lines, in number order (0004, 0005, 0007, 0011, 0013 and 0018 put them after vale comments).
    expect(json.decisions.map((d) => d.date)).toEqual([
      '2021-08-10', '2021-08-10', '2021-08-11', '2021-08-12', '2021-08-13', '2021-08-16', '2021-08-16', '2021-08-26',
      '2021-08-27', '2021-12-01', '2025-03-03', '2025-05-06', '2025-06-03', '2025-06-10', '2026-06-16', '2026-06-20',
      '2026-08-06', '2025-08-12', '2025-10-16', '2025-10-20', '2026-10-27', '2025-11-06', '2026-07-07', '2026-08-07',
    ]);
    expect(statusCounts(json)).toEqual({ accepted: 23, deprecated: 1 });
    const deprecated = json.decisions.find((d) => d.status === 'deprecated');
    expect(deprecated?.number).toBe(7);
    expect(deprecated?.supersededBy).toEqual([]);
    // Titles come from `# N. Title`, including the ones after an HTML comment.
    expect(deprecated?.title).toBe('Use Fluent Bit, Elasticsearch and Kibana for application logs');
    expect(json.decisions[10].title).toBe('Use AWS Graviton (ARM) for compute instances');
  });

  it('reports no problem', () => {
    expect(json.problems).toEqual([]);
  });
});

describe('index --json on madr (docs/decisions, MADR 4 front matter)', () => {
  const root = path.join(CORPORA, 'madr');
  const folder = 'docs/decisions';
  let json: IndexJson;
  beforeAll(async () => {
    json = await indexJson('madr');
  });

  it('finds records 0000-0018 in docs/decisions; the template folder, adr-template.md and index.md are not decisions', () => {
    expectWellFormed(json, root);
    expect(json.decisions.map((d) => d.number)).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(json.decisions.every((d) => d.path.startsWith(`${folder}/0`))).toBe(true);
    for (const notDecision of ['docs/decisions/adr-template.md', 'docs/decisions/index.md', 'template/adr-template.md', 'template/0000-use-markdown-architectural-decision-records.md']) {
      expect(existsSync(path.join(root, notDecision))).toBe(true);
      expect(json.decisions.some((d) => d.path === notDecision)).toBe(false);
    }
    // The title is the heading after the front matter (line 5, or 6 when the front matter has a status line).
    const ids = byId(json);
    expect(ids.get(`${folder}/0001-use-CC0-or-MIT-as-license`)).toMatchObject({ title: 'Dual License the Work', line: 5 });
    expect(ids.get(`${folder}/0003-provide-own-madr-tools`)).toMatchObject({ title: 'Write Own MADR Tooling', line: 6 });
  });

  it('keeps the one front-matter status ("on hold") as written, and reads none from example code blocks', () => {
    // Only 0003 has `status:` in its front matter; 0008 and 0013 show `status:` inside ```markdown examples.
    const ids = byId(json);
    expect(ids.get(`${folder}/0003-provide-own-madr-tools`)?.status).toBe('on hold');
    expect(ids.get(`${folder}/0008-add-status-field`)?.status).toBeNull();
    expect(ids.get(`${folder}/0013-use-yaml-front-matter-for-meta-data`)?.status).toBeNull();
    expect(statusCounts(json)).toEqual({ null: 18, 'on hold': 1 });
    // Their front matter has only parent and nav_order: no date, deciders or tags.
    for (const d of json.decisions) expect([d.date, d.deciders, d.tags]).toEqual([null, [], []]);
    for (const d of json.decisions) expect([d.supersedes, d.supersededBy, d.amends, d.amendedBy]).toEqual([[], [], [], []]);
  });

  it('reports the unknown status and, as information, each record without one', () => {
    const expected = json.decisions.map((d) =>
      d.number === 3 ? `unknown-status ${d.path}:4` : `missing-status ${d.path}:5`,
    );
    expect(problemList(json)).toEqual(expected);
    expect(json.problems.filter((p) => p.code === 'missing-status').every((p) => p.severity === 'information')).toBe(true);
    expect(json.problems.find((p) => p.code === 'unknown-status')?.severity).toBe('warning');
  });

  it('resolves the ADR-NNNN citations between records to the cited record', async () => {
    const snapshot = await new ArchitectureIndex(new NodeWorkspace(root)).rebuild();
    // 0009 and 0013 cite [ADR-0008](0008-add-status-field.md); 0008 cites ADR-0013 back.
    const citing = (id: string) => [...new Set(snapshot.citationsOf(id).map((c) => c.path))].sort();
    expect(citing(`${folder}/0008-add-status-field`)).toEqual([
      `${folder}/0009-support-links-between-adrs-inside-an-adrs.md`,
      `${folder}/0013-use-yaml-front-matter-for-meta-data.md`,
    ]);
    expect(citing(`${folder}/0013-use-yaml-front-matter-for-meta-data`)).toContain(`${folder}/0008-add-status-field.md`);
  });
});

describe('index --json on log4brains (the project root, .log4brains.yml with packages)', () => {
  const root = path.join(CORPORA, 'log4brains');
  let json: IndexJson;
  beforeAll(async () => {
    json = await indexJson('log4brains');
  });

  it("finds the adrFolder and every package's adrFolder, and the nested test project's", () => {
    expectWellFormed(json, root);
    const perFolder: Record<string, number> = {};
    for (const d of json.decisions) perFolder[path.posix.dirname(d.path)] = (perFolder[path.posix.dirname(d.path)] ?? 0) + 1;
    expect(perFolder).toEqual({
      'docs/adr': 9,
      'packages/core/docs/adr': 3,
      'packages/web/docs/adr': 5,
      'packages/core/integration-tests/ro-project/docs/adr': 15,
      'packages/core/integration-tests/ro-project/packages/package1/adr': 4,
      'packages/core/integration-tests/ro-project/packages/package2/adr': 1,
    });
    // README.md, index.md and the template.md files sit beside the records and are not records.
    expect(json.decisions.some((d) => /\/(README|index|template)\.md$/.test(d.path))).toBe(false);
    // YYYYMMDD names are dates, not decision numbers.
    expect(json.decisions.every((d) => d.number === null)).toBe(true);
  });

  it('resolves the number-to-slug supersession both ways, from the status bullet and the Links section', () => {
    const ids = byId(json);
    expect(ids.get('docs/adr/20200926-use-the-adr-number-as-its-unique-id')).toMatchObject({
      status: 'superseded',
      date: '2020-09-26',
      supersededBy: ['docs/adr/20201016-use-the-adr-slug-as-its-unique-id'],
    });
    expect(ids.get('docs/adr/20201016-use-the-adr-slug-as-its-unique-id')).toMatchObject({
      status: 'accepted',
      date: '2020-10-16',
      supersedes: ['docs/adr/20200926-use-the-adr-number-as-its-unique-id'],
    });
    expect(ids.get('packages/web/docs/adr/20200925-use-nextjs-for-static-site-generation')?.tags).toEqual(['frontend', 'frameworks']);
  });

  it('counts statuses over both projects and reports only the two records without a title', () => {
    expect(statusCounts(json)).toEqual({ accepted: 32, superseded: 2, proposed: 1, rejected: 1, draft: 1 });
    const ro = 'packages/core/integration-tests/ro-project/docs/adr';
    expect(problemList(json)).toEqual([
      `missing-title ${ro}/20200102-adr-without-title.md:1`,
      `missing-title ${ro}/20201028-adr-with-no-metadata-no-title.md:1`,
    ]);
  });
});

describe('index --json on the log4brains read-only test project (its own .log4brains.yml)', () => {
  const root = path.join(CORPORA, 'log4brains/packages/core/integration-tests/ro-project');
  let json: IndexJson;
  beforeAll(async () => {
    json = await indexJson('log4brains/packages/core/integration-tests/ro-project');
  });

  it('finds docs/adr and both packages, without their template.md files', () => {
    expectWellFormed(json, root);
    expect(json.decisions).toHaveLength(20);
    expect(json.decisions.filter((d) => d.path.startsWith('docs/adr/'))).toHaveLength(15);
    expect(json.decisions.filter((d) => d.path.startsWith('packages/package1/adr/'))).toHaveLength(4);
    expect(json.decisions.filter((d) => d.path.startsWith('packages/package2/adr/'))).toHaveLength(1);
    for (const template of ['docs/adr/template.md', 'packages/package1/adr/template.md']) {
      expect(existsSync(path.join(root, template))).toBe(true);
      expect(json.decisions.some((d) => d.path === template)).toBe(false);
    }
  });

  it('resolves "superseded by [link]" and "Supersedes [link]" into one pair, both ways, without a problem', () => {
    const ids = byId(json);
    expect(ids.get('docs/adr/20201028-superseded-adr')).toMatchObject({
      status: 'superseded',
      supersedes: [],
      supersededBy: ['docs/adr/20201029-superseder'],
    });
    expect(ids.get('docs/adr/20201029-superseder')).toMatchObject({
      status: 'accepted',
      supersedes: ['docs/adr/20201028-superseded-adr'],
      supersededBy: [],
    });
    const related = json.decisions.filter((d) => d.supersedes.length + d.supersededBy.length + d.amends.length + d.amendedBy.length > 0);
    expect(related.map((d) => d.id)).toEqual(['docs/adr/20201028-superseded-adr', 'docs/adr/20201029-superseder']);
  });

  it('reads draft, rejected and proposed, and takes a record without a status as accepted', () => {
    const ids = byId(json);
    expect(ids.get('docs/adr/20201030-draft-adr')?.status).toBe('draft');
    expect(ids.get('docs/adr/20201029-rejected-adr')?.status).toBe('rejected');
    expect(ids.get('docs/adr/20201029-proposed-adr')?.status).toBe('proposed');
    for (const noStatus of [
      '20200102-adr-only-with-date',
      '20200102-adr-without-status',
      '20200102-adr-without-title',
      '20201028-adr-with-no-metadata',
      '20201028-adr-with-no-metadata-no-title',
      '20201028-links',
    ]) {
      expect(ids.get(`docs/adr/${noStatus}`)?.status, noStatus).toBe('accepted');
    }
    expect(statusCounts(json)).toEqual({ accepted: 16, superseded: 1, proposed: 1, rejected: 1, draft: 1 });
  });

  it('reads dates from the Date bullet, else from the file name, and the other bullets', () => {
    const ids = byId(json);
    expect(ids.get('docs/adr/20200101-first-adr')).toMatchObject({
      title: 'First ADR',
      date: '2020-01-01',
      deciders: ['John Doe', 'Foo bar'],
      tags: ['foo', 'bar'],
    });
    // The metadata bullets follow an introduction paragraph here.
    expect(ids.get('docs/adr/20200102-adr-with-intro')).toMatchObject({ status: 'accepted', date: '2020-01-02', tags: ['foo', 'bar'] });
    // No Date bullet: the date the log4brains file name starts with.
    expect(ids.get('docs/adr/20201028-adr-without-date')?.date).toBe('2020-10-28');
    expect(ids.get('packages/package1/adr/20201028-adr-without-date')?.date).toBe('2020-10-28');
    // A name that is not YYYYMMDD-slug: the date comes from its bullet, and the record is still found.
    expect(ids.get('docs/adr/adr_with_a_WeIrd-filename')).toMatchObject({ title: 'ADR with a weird filename', date: '2020-01-02' });
    // Without a heading the title is made from the file name, and that is reported.
    expect(ids.get('docs/adr/20200102-adr-without-title')?.title).toBe('Adr without title');
    expect(problemList(json)).toEqual([
      'missing-title docs/adr/20200102-adr-without-title.md:1',
      'missing-title docs/adr/20201028-adr-with-no-metadata-no-title.md:1',
    ]);
  });

  it('resolves links between records, across packages, to the record in the right package', async () => {
    const snapshot = await new ArchitectureIndex(new NodeWorkspace(root)).rebuild();
    const citing = (id: string) => snapshot.citationsOf(id).map((c) => c.path).sort();
    // Three links from docs/adr/20201028-links.md (its BROKEN one resolves to nothing).
    expect(citing('docs/adr/20200101-first-adr')).toEqual(Array(3).fill('docs/adr/20201028-links.md'));
    // The package's own first ADR: one link from the global links page, three from its package, two from package2.
    expect(citing('packages/package1/adr/20200101-first-adr')).toEqual([
      'docs/adr/20201028-links.md',
      ...Array(3).fill('packages/package1/adr/20201028-links-in-package.md'),
      ...Array(2).fill('packages/package2/adr/20201028-links-to-another-package.md'),
    ]);
  });
});
