// Every convention must come out as the same model: one test per format, asserting the exact fields.
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';

const lines = (...l: string[]) => l.join('\n');
const codes = (r: ReturnType<typeof parseDecision>) => r.problems.map((p) => `${p.code}@${p.line}`);
/** The decision without the two derived text fields, which have their own tests. */
function fields(r: ReturnType<typeof parseDecision>) {
  const { searchText: _s, summary: _m, passages: _p, ...rest } = r.decision;
  return rest;
}
const none = { deciders: [], consulted: [], informed: [], tags: [], governs: [], relations: [] };

describe('adr-tools / Nygard', () => {
  it('reads number, title, date, status section and relation lines', () => {
    const r = parseDecision(
      'doc/adr/0007-use-postgres.md',
      lines(
        '# 7. Use Postgres',
        '',
        'Date: 2020-01-02',
        '',
        '## Status',
        '',
        'Accepted',
        '',
        'Supersedes [3. Use MySQL](0003-use-mysql.md)',
        '',
        'Amended by [9. Tune Postgres](0009-tune-postgres.md)',
        '',
        '## Context',
        '',
        'We need a database.',
        '',
        '## Decision',
        '',
        'We will use Postgres.',
      ),
    );
    expect(fields(r)).toEqual({
      ...none,
      path: 'doc/adr/0007-use-postgres.md',
      line: 1,
      title: 'Use Postgres',
      number: 7,
      status: 'accepted',
      statusText: 'Accepted',
      statusLine: 7,
      date: '2020-01-02',
      format: 'nygard',
      relations: [
        { kind: 'supersedes', text: '[3. Use MySQL](0003-use-mysql.md)', number: 3, path: 'doc/adr/0003-use-mysql.md', line: 9 },
        { kind: 'amendedBy', text: '[9. Tune Postgres](0009-tune-postgres.md)', number: 9, path: 'doc/adr/0009-tune-postgres.md', line: 11 },
      ],
    });
    expect(r.decision.summary).toBe('We will use Postgres.');
    expect(r.problems).toEqual([]);
  });

  it('reads "Superceded by" (adr-tools spelling) as the status and a relation', () => {
    const r = parseDecision(
      'doc/adr/0003-use-mysql.md',
      lines('# 3. Use MySQL', '', 'Date: 2019-05-06', '', '## Status', '', 'Superceded by [7. Use Postgres](0007-use-postgres.md)', '', '## Context', '', 'x'),
    );
    expect(r.decision.status).toBe('superseded');
    expect(r.decision.statusText).toBe('Superceded by 7. Use Postgres');
    expect(r.decision.statusLine).toBe(7);
    expect(r.decision.relations).toEqual([
      { kind: 'supersededBy', text: '[7. Use Postgres](0007-use-postgres.md)', number: 7, path: 'doc/adr/0007-use-postgres.md', line: 7 },
    ]);
  });

  it('reads Amends lines, and the status after an Amends line', () => {
    const r = parseDecision(
      'doc/adr/0009-tune.md',
      lines('# 9. Tune', '', '## Status', '', 'Amends [7. Use Postgres](0007-use-postgres.md)', '', 'Proposed'),
    );
    expect(r.decision.status).toBe('proposed');
    expect(r.decision.statusLine).toBe(7);
    expect(r.decision.relations).toEqual([
      { kind: 'amends', text: '[7. Use Postgres](0007-use-postgres.md)', number: 7, path: 'doc/adr/0007-use-postgres.md', line: 5 },
    ]);
  });

  it('finds the status after the Decision section (Nygard\'s original order) and in capitals', () => {
    const r = parseDecision(
      'adr-006-core-runtime.md',
      lines('# Architecture Decision Record: Core Runtime', '', '## Context', '', 'c', '', '## Decision', '', 'd', '', '## Status', '', 'PROPOSED', '', '## Consequences', '', 'e'),
    );
    expect(fields(r)).toEqual({
      ...none,
      path: 'adr-006-core-runtime.md',
      line: 1,
      title: 'Core Runtime',
      number: 6,
      status: 'proposed',
      statusText: 'PROPOSED',
      statusLine: 13,
      format: 'nygard',
    });
    expect(r.decision.summary).toBe('d');
  });

  it('takes the number from the title when the file name has none', () => {
    expect(parseDecision('docs/use-x.md', '# 12. Use X\n\n## Status\n\nAccepted').decision).toMatchObject({ number: 12, title: 'Use X' });
    expect(parseDecision('docs/use-x.md', '# ADR-007: Use X\n\n## Status\n\nAccepted').decision).toMatchObject({ number: 7, title: 'Use X' });
    expect(parseDecision('docs/use-x.md', '# ADR 7 - Use X\n\n## Status\n\nAccepted').decision).toMatchObject({ number: 7, title: 'Use X' });
    // The file name wins over the title.
    expect(parseDecision('docs/0003-use-x.md', '# 12. Use X\n\n## Status\n\nAccepted').decision.number).toBe(3);
    // A title that merely starts with a number keeps it.
    expect(parseDecision('docs/x.md', '# 3-tier architecture\n\n## Status\n\nAccepted').decision).toMatchObject({ title: '3-tier architecture' });
    expect(parseDecision('docs/x.md', '# 3-tier architecture\n\n## Status\n\nAccepted').decision.number).toBeUndefined();
  });
});

describe('MADR 2', () => {
  it('reads the `* Field:` bullets', () => {
    const r = parseDecision(
      'docs/adr/0004-use-kafka.md',
      lines(
        '# Use Kafka for events',
        '',
        '* Status: accepted',
        '* Deciders: Alice Smith, Bob, Carol',
        '* Date: 2020-01-02',
        '',
        'Technical Story: [ticket 42](https://example.com/42)',
        '',
        '## Context and Problem Statement',
        '',
        'Events.',
        '',
        '## Decision Outcome',
        '',
        'Chosen option: "Kafka", because it scales.',
      ),
    );
    expect(fields(r)).toEqual({
      ...none,
      path: 'docs/adr/0004-use-kafka.md',
      line: 1,
      title: 'Use Kafka for events',
      number: 4,
      status: 'accepted',
      statusText: 'accepted',
      statusLine: 3,
      date: '2020-01-02',
      deciders: ['Alice Smith', 'Bob', 'Carol'],
      format: 'madr2',
    });
    expect(r.decision.summary).toBe('Chosen option: "Kafka", because it scales.');
    expect(r.problems).toEqual([]);
  });

  it('reads "superseded by [ADR-0005](..)" as a status and a relation', () => {
    const r = parseDecision('docs/adr/0004-use-kafka.md', lines('# Use Kafka', '', '* Status: superseded by [ADR-0005](0005-use-pulsar.md)', '* Date: 2020-01-02'));
    expect(r.decision).toMatchObject({ status: 'superseded', statusText: 'superseded by ADR-0005', format: 'madr2' });
    expect(r.decision.relations).toEqual([
      { kind: 'supersededBy', text: '[ADR-0005](0005-use-pulsar.md)', number: 5, path: 'docs/adr/0005-use-pulsar.md', line: 3 },
    ]);
  });
});

describe('MADR 3 / 4 front matter', () => {
  it('reads status, date, decision-makers, consulted, informed and tags', () => {
    const r = parseDecision(
      'docs/decisions/0005-use-dashes.md',
      lines(
        '---',
        'status: accepted',
        'date: 2022-09-14',
        'decision-makers: [Oliver, Koen]',
        'consulted: Anna, Bob',
        'informed:',
        '  - everyone',
        'tags: [naming, files]',
        '---',
        '# Use Dashes in Filenames',
        '',
        '## Context and Problem Statement',
        '',
        'What is the pattern?',
        '',
        '## Decision Outcome',
        '',
        'Chosen option: "dashes".',
        '',
        '### Consequences',
        '',
        '* Good, because readable',
      ),
    );
    expect(fields(r)).toEqual({
      ...none,
      path: 'docs/decisions/0005-use-dashes.md',
      line: 10,
      title: 'Use Dashes in Filenames',
      number: 5,
      status: 'accepted',
      statusText: 'accepted',
      statusLine: 2,
      date: '2022-09-14',
      deciders: ['Oliver', 'Koen'],
      consulted: ['Anna', 'Bob'],
      informed: ['everyone'],
      tags: ['naming', 'files'],
      format: 'madr',
    });
    // The summary stops before the "Consequences" subsection.
    expect(r.decision.summary).toBe('Chosen option: "dashes".');
    expect(r.problems).toEqual([]);
  });

  it('reads MADR 3 `deciders:` and a comma-string of tags', () => {
    const r = parseDecision('docs/decisions/0001-x.md', lines('---', 'status: proposed', 'deciders: Jane, Joe', 'tags: backend, db', '---', '# X'));
    expect(r.decision).toMatchObject({ status: 'proposed', deciders: ['Jane', 'Joe'], tags: ['backend', 'db'], format: 'madr' });
  });

  it('reads a front-matter status "superseded by ADR-0005" as a relation on the key line', () => {
    const r = parseDecision('docs/decisions/0001-x.md', lines('---', 'date: 2020-01-02', 'status: superseded by ADR-0005', '---', '# X'));
    expect(r.decision).toMatchObject({ status: 'superseded', statusLine: 3 });
    expect(r.decision.relations).toEqual([{ kind: 'supersededBy', text: 'ADR-0005', number: 5, line: 3 }]);
  });

  it('states no status: missing-status, not accepted', () => {
    const r = parseDecision('docs/decisions/0002-x.md', lines('---', 'parent: Decisions', 'nav_order: 2', '---', '# Do Not Use Numbers', '', '## Decision Outcome', '', 'Titles only.'));
    expect(r.decision.status).toBeUndefined();
    expect(r.decision.format).toBe('madr');
    expect(codes(r)).toEqual(['missing-status@5']);
  });

  it('treats unfilled template placeholders as absent', () => {
    const r = parseDecision(
      'docs/decisions/adr-template.md',
      lines('---', 'status: "{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123"', 'date: {YYYY-MM-DD when the decision was last updated}', 'decision-makers: {list everyone involved in the decision}', '---', '# {short title}'),
    );
    expect(r.decision.status).toBeUndefined();
    expect(r.decision.statusText).toBeUndefined();
    expect(r.decision.date).toBeUndefined();
    expect(r.decision.deciders).toEqual([]);
    expect(codes(r)).toEqual(['missing-status@6']);
  });
});

describe('log4brains', () => {
  it('reads the `- Field:` bullets and the Links section', () => {
    const r = parseDecision(
      'docs/adr/20201016-use-the-adr-slug.md',
      lines(
        '# Use the ADR slug as its unique ID',
        '',
        '- Status: accepted',
        '- Deciders: Thomas Vaillant',
        '- Date: 2020-10-16',
        '- Tags: ids, web',
        '',
        '## Decision',
        '',
        'From now on, we use slugs.',
        '',
        '## Links',
        '',
        '- Supersedes [20200926-use-the-adr-number](20200926-use-the-adr-number.md)',
        '- Relates to [20201028-links](20201028-links.md)',
      ),
    );
    expect(fields(r)).toEqual({
      ...none,
      path: 'docs/adr/20201016-use-the-adr-slug.md',
      line: 1,
      title: 'Use the ADR slug as its unique ID',
      status: 'accepted',
      statusText: 'accepted',
      statusLine: 3,
      date: '2020-10-16',
      deciders: ['Thomas Vaillant'],
      tags: ['ids', 'web'],
      format: 'log4brains',
      relations: [{ kind: 'supersedes', text: '[20200926-use-the-adr-number](20200926-use-the-adr-number.md)', path: 'docs/adr/20200926-use-the-adr-number.md', line: 14 }],
    });
    expect(r.decision.number).toBeUndefined();
  });

  it('space-separated tags are several tags', () => {
    expect(parseDecision('docs/adr/20200101-x.md', '# X\n\n- Status: accepted\n- Tags: frontend frameworks\n').decision.tags).toEqual(['frontend', 'frameworks']);
  });

  it('a missing status means accepted, and a missing date is the file-name date', () => {
    const r = parseDecision('docs/adr/20201028-adr-with-no-metadata.md', lines('# ADR with no metadata', '', '## Context and Problem Statement', '', 'Lorem ipsum.'));
    expect(r.decision).toMatchObject({ status: 'accepted', date: '2020-10-28', format: 'log4brains' });
    expect(r.decision.statusText).toBeUndefined();
    expect(r.decision.statusLine).toBeUndefined();
    expect(r.problems).toEqual([]);
  });

  it('`- Status`-bullet style without the date name also defaults to accepted', () => {
    const r = parseDecision('docs/adr/some-decision.md', lines('# Some decision', '', '- Date: 2020-01-02', '- Deciders: John Doe'));
    expect(r.decision).toMatchObject({ status: 'accepted', date: '2020-01-02', format: 'log4brains', deciders: ['John Doe'] });
    expect(r.problems).toEqual([]);
  });

  it('a status paragraph written after an intro paragraph is still found', () => {
    const r = parseDecision('docs/adr/20200102-adr-with-intro.md', lines('# ADR with intro', '', 'This is an introduction paragraph.', '', '- Status: proposed', '- Date: 2020-01-02'));
    expect(r.decision).toMatchObject({ status: 'proposed', statusLine: 5 });
  });
});

describe('metadata tables', () => {
  it('reads a column of field names', () => {
    const r = parseDecision(
      'docs/adr/0012-x.md',
      lines('# Use X', '', '| Field | Value |', '|---|---|', '| Status | ✅ Accepted |', '| Date | 2021-03-04 |', '| Deciders | Ann, Ben |', '| Supersedes | [ADR-0003](0003-y.md) |'),
    );
    expect(fields(r)).toEqual({
      ...none,
      path: 'docs/adr/0012-x.md',
      line: 1,
      title: 'Use X',
      number: 12,
      status: 'accepted',
      statusText: 'Accepted',
      statusLine: 5,
      date: '2021-03-04',
      deciders: ['Ann', 'Ben'],
      format: 'table',
      relations: [{ kind: 'supersedes', text: '[ADR-0003](0003-y.md)', number: 3, path: 'docs/adr/0003-y.md', line: 8 }],
    });
  });

  it('reads a table whose first row is the fields themselves', () => {
    const r = parseDecision('docs/adr/0012-x.md', lines('# Use X', '', '| Status | Proposed |', '|---|---|', '| Date | 2021-03-04 |'));
    expect(r.decision).toMatchObject({ status: 'proposed', statusLine: 3, date: '2021-03-04', format: 'table' });
  });

  it('reads a header row of field names with one row of values', () => {
    const r = parseDecision('docs/adr/0012-x.md', lines('# Use X', '', '| Status | Date | Deciders |', '|---|---|---|', '| Rejected | 2021-03-04 | Ann, Ben |'));
    expect(r.decision).toMatchObject({ status: 'rejected', statusLine: 5, date: '2021-03-04', deciders: ['Ann', 'Ben'], format: 'table' });
  });

  it('takes the earliest statement when a table comes before a Status line', () => {
    const r = parseDecision('docs/adr/0012-x.md', lines('# Use X', '', '| Status | Proposed |', '|---|---|', '', 'Status: Accepted'));
    expect(r.decision).toMatchObject({ status: 'proposed', statusLine: 3, format: 'table' });
  });

  it('ignores tables that hold no fields', () => {
    const r = parseDecision('docs/adr/0012-x.md', lines('# Use X', '', '## Status', '', 'Accepted', '', '| Option | Cost |', '|---|---|', '| Status quo | 0 |'));
    expect(r.decision).toMatchObject({ status: 'accepted', statusLine: 5, format: 'nygard' });
  });
});

describe('Status lines in the body', () => {
  it.each([
    ['**Status**: Accepted', 'accepted', 'Accepted'],
    ['**Status:** Accepted', 'accepted', 'Accepted'],
    ['Status: Accepted', 'accepted', 'Accepted'],
    ['Status: ✅ Accepted', 'accepted', 'Accepted'],
    ['Status: 🟡 **PROPOSED**', 'proposed', 'PROPOSED'],
    ['__Status__ : Draft', 'draft', 'Draft'],
  ])('%s', (line, status, text) => {
    const r = parseDecision('docs/adr/0001-x.md', `# Use X\n\n${line}\nDate: 2020-01-02\n\n## Context\n\nc\n`);
    expect(fields(r)).toEqual({ ...none, path: 'docs/adr/0001-x.md', line: 1, title: 'Use X', number: 1, status, statusText: text, statusLine: 3, date: '2020-01-02', format: 'inline' });
  });

  it('does not read status lines in code blocks or mid-sentence', () => {
    const r = parseDecision('docs/adr/0001-x.md', lines('# Use X', '', '```', 'Status: Accepted', '```', '', 'Example: `Status: Accepted`', '', 'We set the status: accepted.'));
    expect(r.decision.status).toBeUndefined();
    expect(codes(r)).toEqual(['missing-status@1']);
  });
});
