import { describe, expect, it } from 'vitest';
import { readDate } from '../../../server/src/core/decisions/dates';
import { parseDecision } from '../../../server/src/core/decisions/parse';

describe('readDate', () => {
  it.each([
    ['2020-01-02', '2020-01-02'],
    ['2020-1-2', '2020-01-02'],
    ['2020/01/02', '2020-01-02'],
    ['2020.01.02', '2020-01-02'],
    ['2020-01-02T10:00:00Z', '2020-01-02'],
    ['2020-01-02 (last updated)', '2020-01-02'],
    ['January 2, 2020', '2020-01-02'],
    ['Jan 2nd 2020', '2020-01-02'],
    ['2 January 2020', '2020-01-02'],
    ['2nd of Sept, 2021', '2021-09-02'],
    ['20201028', '2020-10-28'],
  ])('%s -> %s', (text, iso) => {
    expect(readDate(text)).toEqual({ iso });
  });

  it('reads YAML dates', () => {
    expect(readDate(new Date(Date.UTC(2021, 2, 4)))).toEqual({ iso: '2021-03-04' });
  });

  it.each(['', '   ', '{YYYY-MM-DD when the decision was last updated}', '[YYYY-MM-DD]'])('%j is no date, silently', (text) => {
    expect(readDate(text)).toBeUndefined();
  });

  it.each(['2020-02-30', '2020-13-01', 'yesterday', 'Foo 2, 2020', '02/01/2020'])('%s is a bad date', (text) => {
    expect(readDate(text)).toHaveProperty('error');
  });
});

describe('dates in decisions', () => {
  it('reports a bad date on its line and keeps no date', () => {
    const r = parseDecision('docs/adr/0001-x.md', '# 1. X\n\nDate: sometime soon\n\n## Status\n\nAccepted\n');
    expect(r.decision.date).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['bad-date', 3]]);
  });

  it('reads a front-matter date written by YAML as a timestamp or as text', () => {
    expect(parseDecision('a/0001-x.md', '---\nstatus: accepted\ndate: 2020-1-2\n---\n# X').decision.date).toBe('2020-01-02');
    expect(parseDecision('a/0001-x.md', "---\nstatus: accepted\ndate: 'January 2, 2020'\n---\n# X").decision.date).toBe('2020-01-02');
  });

  it('front matter wins over the body, the body over the file name', () => {
    expect(parseDecision('a/20200101-x.md', '---\ndate: 2021-01-01\n---\n# X\n\n- Date: 2022-01-01').decision.date).toBe('2021-01-01');
    expect(parseDecision('a/20200101-x.md', '# X\n\n- Date: 2022-01-01').decision.date).toBe('2022-01-01');
    expect(parseDecision('a/20200101-x.md', '# X\n').decision.date).toBe('2020-01-01');
    expect(parseDecision('a/0001-x.md', '# X\n').decision.date).toBeUndefined();
  });
});
