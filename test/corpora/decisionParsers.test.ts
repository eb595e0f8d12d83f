// The decision parsers against real records from four public projects, each in its own convention. The expected
// values below were read off the files by hand (title line, Date line, Status section or bullet, Links section).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionNumberFromPath, isDecisionTemplate, parseDecision } from '../../server/src/core/decisions/parse';
import type { DecisionFormat, DecisionStatus, RelationRef } from '../../server/src/core/model';
import { PROBLEM_CODES } from '../../server/src/core/problems';

const CORPORA = path.resolve(__dirname, '../../../shared/corpora');

/** The folders that hold decision records, relative to the corpora root. */
const DECISION_FOLDERS = [
  'arachne',
  'govuk-infrastructure/docs/architecture/decisions',
  'madr/docs/decisions',
  'log4brains/docs/adr',
  'log4brains/packages/core/docs/adr',
  'log4brains/packages/web/docs/adr',
  'log4brains/packages/core/integration-tests/ro-project/docs/adr',
  'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr',
  'log4brains/packages/core/integration-tests/ro-project/packages/package2/adr',
];
/** Pages that live beside the records but are not records: knowledge-base home pages and read-mes. */
const NOT_DECISIONS = new Set(['README.md', 'index.md']);

function decisionFiles(): string[] {
  return DECISION_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(CORPORA, folder))
      .filter((name) => name.endsWith('.md') && !NOT_DECISIONS.has(name))
      .map((name) => `${folder}/${name}`),
  ).sort();
}

function parseFile(rel: string) {
  return parseDecision(rel, readFileSync(path.join(CORPORA, rel), 'utf8'));
}

interface Expected {
  title: string;
  number?: number;
  status?: DecisionStatus;
  statusText?: string;
  date?: string;
  format: DecisionFormat;
  /** Problem codes, in order. */
  problems?: string[];
}

const GOVUK = 'govuk-infrastructure/docs/architecture/decisions';
const L4B = 'log4brains/docs/adr';
const RO = 'log4brains/packages/core/integration-tests/ro-project';

const nygardAccepted = (number: number, title: string, date: string): Expected => ({
  title,
  number,
  status: 'accepted',
  statusText: 'Accepted',
  date,
  format: 'nygard',
});
const arachne = (number: number, title: string, statusText: string): Expected => ({
  title,
  number,
  status: statusText.toLowerCase() as DecisionStatus,
  statusText,
  format: 'nygard',
  problems: [],
});
const log4brains = (title: string, date: string, status: DecisionStatus = 'accepted'): Expected => ({
  title,
  status,
  statusText: status,
  date,
  format: 'log4brains',
});
const madrWithoutStatus = (number: number, title: string): Expected => ({ title, number, format: 'madr', problems: ['missing-status'] });

const EXPECTED: Record<string, Expected> = {
  // arachne: "# Architecture Decision Record: X", Status after Decision, PROPOSED in capitals, no dates.
  'arachne/adr-001-use-adrs.md': arachne(1, 'Use ADRs', 'Accepted'),
  'arachne/adr-002-configuration.md': arachne(2, 'Configuration', 'Proposed'),
  'arachne/adr-003-config-implementation.md': arachne(3, 'Datomic-based Configuration', 'Proposed'),
  'arachne/adr-004-module-loading.md': arachne(4, 'Module Structure & Loading', 'Proposed'),
  'arachne/adr-005-user-facing-config.md': arachne(5, 'User Facing Configuration', 'Proposed'),
  'arachne/adr-006-core-runtime.md': arachne(6, 'Core Runtime', 'PROPOSED'),
  'arachne/adr-009-datomic-config-ontology.md': arachne(9, 'Configuration Ontology', 'PROPOSED'),
  'arachne/adr-014-project-templates.md': arachne(14, 'Project Templates', 'PROPOSED'),
  'arachne/adr-015-data-abstraction-model.md': arachne(15, 'Data Abstraction Model', 'PROPOSED'),
  'arachne/adr-017-simplify-chimera-model.md': arachne(17, 'Simplification of Chimera Model', 'PROPOSED'),

  // GOV.UK: adr-tools output, sometimes with HTML comments around the title.
  [`${GOVUK}/0001-record-architecture-decisions.md`]: nygardAccepted(1, 'Record architecture decisions', '2021-08-10'),
  [`${GOVUK}/0002-use-aws-eks-terraform-module.md`]: nygardAccepted(2, 'Use aws-eks Terraform module', '2021-08-10'),
  [`${GOVUK}/0004-use-aws-load-balancer-controller-for-edge-traffic-services.md`]: nygardAccepted(4, 'Use AWS Load Balancer Controller for edge traffic services', '2021-08-12'),
  [`${GOVUK}/0007-use-fluentbit-elasticsearch-and-kibana-for-application-logs.md`]: {
    title: 'Use Fluent Bit, Elasticsearch and Kibana for application logs',
    number: 7,
    status: 'deprecated',
    statusText: 'Deprecated (no superseding ADR)',
    date: '2021-08-16',
    format: 'nygard',
  },
  [`${GOVUK}/0010-use-dex-idp-for-user-web-authentication.md`]: nygardAccepted(10, 'Use Dex IdP for user web authentication', '2021-12-01'),
  [`${GOVUK}/0011-use-graviton-for-compute-instances.md`]: nygardAccepted(11, 'Use AWS Graviton (ARM) for compute instances', '2025-03-03'),
  [`${GOVUK}/0012-non-govuk-domain-policy.md`]: nygardAccepted(12, 'Non-GOV.UK domain policy', '2025-05-06'),
  [`${GOVUK}/0019-restructure-cicd.md`]: nygardAccepted(19, 'Restructure CI/CD', '2025-10-16'),
  [`${GOVUK}/0021-give-fastly-cname-records-a-TTL-of-300.md`]: nygardAccepted(21, 'Give Fastly CNAME records a TTL of 300', '2026-10-27'),
  [`${GOVUK}/0024-use-of-admission-policy.md`]: nygardAccepted(24, 'Use of admission policy', '2026-08-07'),

  // MADR 4: Jekyll front matter without a status, except 0003 ("on hold", which is not a status we know).
  'madr/docs/decisions/0000-use-markdown-architectural-decision-records.md': madrWithoutStatus(0, 'Use Markdown Architectural Decision Records'),
  'madr/docs/decisions/0002-do-not-use-numbers-in-headings.md': madrWithoutStatus(2, 'Do Not Use Numbers in Headings'),
  'madr/docs/decisions/0003-provide-own-madr-tools.md': {
    title: 'Write Own MADR Tooling',
    number: 3,
    statusText: 'on hold',
    format: 'madr',
    problems: ['unknown-status'],
  },
  'madr/docs/decisions/0008-add-status-field.md': madrWithoutStatus(8, 'Add Status Field'),
  'madr/docs/decisions/0013-use-yaml-front-matter-for-meta-data.md': madrWithoutStatus(13, 'Use YAML front matter for metadata'),
  'madr/docs/decisions/0014-allow-neutral-arguments.md': madrWithoutStatus(14, 'Allow "neutral" arguments'),
  'madr/docs/decisions/0018-use-confirmation-as-heading.md': madrWithoutStatus(18, 'Use "Confirmation" as Heading'),

  // log4brains' own records.
  [`${L4B}/20200924-use-markdown-architectural-decision-records.md`]: log4brains('Use Markdown Architectural Decision Records', '2020-09-24'),
  [`${L4B}/20200926-use-the-adr-number-as-its-unique-id.md`]: {
    ...log4brains('Use the ADR number as its unique ID', '2020-09-26', 'superseded'),
    statusText: 'superseded by 20201016-use-the-adr-slug-as-its-unique-id',
  },
  [`${L4B}/20201016-use-the-adr-slug-as-its-unique-id.md`]: log4brains('Use the ADR slug as its unique ID', '2020-10-16'),
  [`${L4B}/20210113-distribute-log4brains-as-a-global-npm-package.md`]: log4brains('Distribute Log4brains as a global NPM package', '2021-01-13'),
  'log4brains/packages/core/docs/adr/20201002-use-explicit-architecture-and-ddd-for-the-core-api.md': log4brains('Use Explicit Architecture and DDD for the core API', '2020-10-02'),
  'log4brains/packages/web/docs/adr/20200925-use-nextjs-for-static-site-generation.md': log4brains('Use Next.js for Static Site Generation', '2020-09-25'),
  'log4brains/packages/web/docs/adr/20200927-avoid-react-fc-type.md': log4brains('Avoid React.FC type', '2020-09-27'),

  // log4brains' integration-test project: the edge cases.
  [`${RO}/docs/adr/20200101-first-adr.md`]: log4brains('First ADR', '2020-01-01'),
  [`${RO}/docs/adr/20200102-adr-only-with-date.md`]: { title: 'ADR only with date', status: 'accepted', date: '2020-01-02', format: 'log4brains', problems: [] },
  [`${RO}/docs/adr/20200102-adr-with-intro.md`]: log4brains('ADR with intro', '2020-01-02'),
  [`${RO}/docs/adr/20200102-adr-without-status.md`]: { title: 'ADR without status', status: 'accepted', date: '2020-01-02', format: 'log4brains', problems: [] },
  [`${RO}/docs/adr/20200102-adr-without-title.md`]: { title: 'Adr without title', status: 'accepted', date: '2020-01-02', format: 'log4brains', problems: ['missing-title'] },
  [`${RO}/docs/adr/20201028-adr-with-no-metadata-no-title.md`]: { title: 'Adr with no metadata no title', status: 'accepted', date: '2020-10-28', format: 'log4brains', problems: ['missing-title'] },
  [`${RO}/docs/adr/20201028-adr-with-no-metadata.md`]: { title: 'ADR with no metadata', status: 'accepted', date: '2020-10-28', format: 'log4brains', problems: [] },
  // No Date line: the date comes from the file name.
  [`${RO}/docs/adr/20201028-adr-without-date.md`]: log4brains('ADR without date', '2020-10-28'),
  [`${RO}/docs/adr/20201028-links.md`]: { title: 'Links', status: 'accepted', date: '2020-10-28', format: 'log4brains', problems: [] },
  [`${RO}/docs/adr/20201028-superseded-adr.md`]: { ...log4brains('Superseded ADR', '2020-10-28', 'superseded'), statusText: 'superseded by 20201029-superseder' },
  [`${RO}/docs/adr/20201029-proposed-adr.md`]: log4brains('Proposed ADR', '2020-10-29', 'proposed'),
  [`${RO}/docs/adr/20201029-rejected-adr.md`]: log4brains('Rejected ADR', '2020-10-29', 'rejected'),
  [`${RO}/docs/adr/20201029-superseder.md`]: log4brains('Superseder', '2020-10-29'),
  [`${RO}/docs/adr/20201030-draft-adr.md`]: log4brains('Draft ADR', '2020-10-30', 'draft'),
  [`${RO}/docs/adr/adr_with_a_WeIrd-filename.md`]: log4brains('ADR with a weird filename', '2020-01-02'),
  [`${RO}/packages/package1/adr/20200101-first-adr.md`]: log4brains('First ADR (in package 1)', '2020-01-01'),
  [`${RO}/packages/package2/adr/20201028-links-to-another-package.md`]: { title: 'Links to another package', status: 'accepted', date: '2020-10-28', format: 'log4brains', problems: [] },
};

/** Relations stated in the corpora (found with grep for supersed/superced/amend/replace), by file. */
const EXPECTED_RELATIONS: Record<string, Omit<RelationRef, 'text'>[]> = {
  [`${L4B}/20200926-use-the-adr-number-as-its-unique-id.md`]: [
    { kind: 'supersededBy', path: `${L4B}/20201016-use-the-adr-slug-as-its-unique-id.md`, line: 3 },
  ],
  [`${L4B}/20201016-use-the-adr-slug-as-its-unique-id.md`]: [
    { kind: 'supersedes', path: `${L4B}/20200926-use-the-adr-number-as-its-unique-id.md`, line: 30 },
  ],
  [`${RO}/docs/adr/20201028-superseded-adr.md`]: [{ kind: 'supersededBy', path: `${RO}/docs/adr/20201029-superseder.md`, line: 3 }],
  [`${RO}/docs/adr/20201029-superseder.md`]: [{ kind: 'supersedes', path: `${RO}/docs/adr/20201028-superseded-adr.md`, line: 16 }],
  // "Note: this ADR supersedes some aspects of [ADR-15](…) and [ADR-16](…)": a partial supersession amends.
  'arachne/adr-017-simplify-chimera-model.md': [
    { kind: 'amends', path: 'arachne/adr-015-data-abstraction-model.md', number: 15, line: 3 },
    { kind: 'amends', path: 'arachne/adr-016-db-migrations.md', number: 16, line: 3 },
  ],
};

const TEMPLATES = [
  `${GOVUK}/0000-TEMPLATE.md`,
  `${L4B}/template.md`,
  `${RO}/docs/adr/template.md`,
  `${RO}/packages/package1/adr/template.md`,
  'madr/docs/decisions/adr-template.md',
];

describe('decision parsers on real records', () => {
  const files = decisionFiles();

  it('finds the corpora', () => {
    expect(files.length).toBeGreaterThan(90);
    for (const rel of Object.keys(EXPECTED)) expect(files).toContain(rel);
  });

  it('recognises exactly the templates', () => {
    expect(files.filter(isDecisionTemplate).sort()).toEqual([...TEMPLATES].sort());
  });

  it('parses every file with a title, a valid line and known problem codes, without throwing', () => {
    for (const rel of files) {
      const { decision, problems } = parseFile(rel);
      expect(decision.path).toBe(rel);
      expect(decision.title.trim(), rel).not.toBe('');
      expect(decision.line, rel).toBeGreaterThanOrEqual(1);
      expect(decision.searchText.length, rel).toBeGreaterThan(0);
      expect(decision.searchText.length, rel).toBeLessThanOrEqual(4000);
      for (const p of problems) {
        expect(Object.keys(PROBLEM_CODES), rel).toContain(p.code);
        expect(p.path).toBe(rel);
      }
      if (decision.date !== undefined) expect(decision.date, rel).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('every record has the number its file name gives', () => {
    for (const rel of files) {
      expect(parseFile(rel).decision.number, rel).toBe(decisionNumberFromPath(rel));
    }
  });

  it.each(Object.entries(EXPECTED))('%s', (rel, expected) => {
    const { decision, problems } = parseFile(rel);
    expect(decision.title).toBe(expected.title);
    expect(decision.number).toBe(expected.number);
    expect(decision.status).toBe(expected.status);
    expect(decision.statusText).toBe(expected.statusText);
    expect(decision.date).toBe(expected.date);
    expect(decision.format).toBe(expected.format);
    if (expected.problems) expect(problems.map((p) => p.code)).toEqual(expected.problems);
  });

  it('reads every relation the corpora state, and no others', () => {
    for (const rel of files.filter((f) => !isDecisionTemplate(f))) {
      const relations = parseFile(rel).decision.relations.map(({ text: _t, ...r }) => r);
      expect(relations, rel).toEqual(EXPECTED_RELATIONS[rel] ?? []);
    }
  });

  it('relation paths point at files that exist', () => {
    for (const refs of Object.values(EXPECTED_RELATIONS)) {
      for (const ref of refs) expect(existsSync(path.join(CORPORA, ref.path as string)), ref.path).toBe(true);
    }
  });

  it('every GOV.UK record states a status and a date, all accepted but one deprecated', () => {
    const govuk = files.filter((f) => f.startsWith(GOVUK) && !isDecisionTemplate(f));
    expect(govuk).toHaveLength(24);
    const statuses = govuk.map((f) => parseFile(f).decision);
    expect(statuses.filter((d) => d.status === 'accepted')).toHaveLength(23);
    expect(statuses.find((d) => d.status === 'deprecated')?.number).toBe(7);
    for (const d of statuses) {
      expect(d.date, d.path).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(d.statusLine, d.path).toBeGreaterThan(d.line);
      expect(d.summary, d.path).not.toBe('');
    }
  });

  it('every arachne record is proposed except the first, with its status after its decision', () => {
    const records = files.filter((f) => f.startsWith('arachne/')).map((f) => parseFile(f).decision);
    expect(records).toHaveLength(17);
    expect(records.map((d) => d.status)).toEqual(['accepted', ...Array(16).fill('proposed')]);
    for (const d of records) expect(d.summary, d.path).not.toBe('');
  });

  it('reads deciders and tags from log4brains bullets', () => {
    expect(parseFile(`${RO}/docs/adr/20200101-first-adr.md`).decision).toMatchObject({ deciders: ['John Doe', 'Foo bar'], tags: ['foo', 'bar'] });
    expect(parseFile('log4brains/packages/web/docs/adr/20200925-use-nextjs-for-static-site-generation.md').decision.tags).toEqual(['frontend', 'frameworks']);
  });

  it('summarises the MADR decision outcome', () => {
    expect(parseFile('madr/docs/decisions/0003-provide-own-madr-tools.md').decision.summary).toBe(
      [
        'Chosen option: "Write own MADR tooling", because',
        '',
        '* adding MADR support to `adr-tools` [was rejected](https://github.com/npryce/adr-tools/pull/43)',
        '* other tooling seem to a) modify MADR or b) do not keep up with changes on MADR.',
        '',
        'We accept that this comes with maintenance cost.',
      ].join('\n'),
    );
  });
});
