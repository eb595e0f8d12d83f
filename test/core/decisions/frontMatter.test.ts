// Archlens' own front-matter keys on decisions: governs (and its aliases), reviewed, reviewed-commit.
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';

const doc = (...fm: string[]) => ['---', 'status: accepted', ...fm, '---', '# Title', ''].join('\n');

describe('governs', () => {
  it('reads a list of globs and the line of its key', () => {
    const r = parseDecision('docs/adr/0001-x.md', doc('date: 2020-01-02', 'governs:', '  - src/db/**', '  - "lib/{a,b}/*.ts"'));
    expect(r.decision.governs).toEqual(['src/db/**', 'lib/{a,b}/*.ts']);
    expect(r.decision.governsLine).toBe(4);
  });

  it('reads a single string, split on commas outside braces', () => {
    expect(parseDecision('a/0001-x.md', doc('governs: src/db/**')).decision.governs).toEqual(['src/db/**']);
    expect(parseDecision('a/0001-x.md', doc('governs: "src/db/**, lib/{a,b}/**"')).decision.governs).toEqual(['src/db/**', 'lib/{a,b}/**']);
  });

  it.each(['applies-to', 'affects', 'scope', 'files'])('accepts the alias %s', (key) => {
    const r = parseDecision('a/0001-x.md', doc(`${key}: [server/**]`));
    expect(r.decision.governs).toEqual(['server/**']);
    expect(r.decision.governsLine).toBe(3);
  });

  it('has no governs when the key is absent', () => {
    const r = parseDecision('a/0001-x.md', doc());
    expect(r.decision.governs).toEqual([]);
    expect(r.decision.governsLine).toBeUndefined();
  });
});

describe('reviewed', () => {
  it('reads reviewed and reviewed-commit', () => {
    const r = parseDecision('a/0001-x.md', doc('reviewed: 2024-05-06', 'reviewed-commit: 0123abcd'));
    expect(r.decision.reviewed).toBe('2024-05-06');
    expect(r.decision.reviewedCommit).toBe('0123abcd');
    expect(r.problems).toEqual([]);
  });

  it('reports a reviewed date that is not a date, on its line', () => {
    const r = parseDecision('a/0001-x.md', doc('reviewed: last tuesday'));
    expect(r.decision.reviewed).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['bad-date', 3]]);
  });
});

describe('title from front matter', () => {
  it('uses `title:` when there is no H1', () => {
    const r = parseDecision('a/0001-x.md', ['---', 'title: Use Postgres', 'status: accepted', '---', 'Body.'].join('\n'));
    expect(r.decision.title).toBe('Use Postgres');
    expect(r.decision.line).toBe(2);
    expect(r.problems).toEqual([]);
  });
});
