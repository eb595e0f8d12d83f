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

  it.each(['2020-02-30', '2020-13-13', 'yesterday', 'Foo 2, 2020', '31/31/2020'])('%s is a bad date', (text) => {
    expect(readDate(text)).toHaveProperty('error');
  });

  // Forms from the shared corpora: nhs-notify (`05/06/2023` in a quoted table), cometbft (`23-06-2018`,
  // `July 15 2021`), ibc-go (`January 28th, 2022`, `2022/09/07`), flux2 (`2023-31-07`, day and month swapped).
  it.each([
    ['23-06-2018', 'day-first', '2018-06-23'],
    ['06/23/2018', 'day-first', '2018-06-23'],
    ['05/06/2023', 'day-first', '2023-06-05'],
    ['05/06/2023', 'month-first', '2023-05-06'],
    ['05/06/23', 'day-first', '2023-06-05'],
    ['28-January-2022', 'day-first', '2022-01-28'],
    ['January 28th, 2022', 'day-first', '2022-01-28'],
    ['July 15 2021', 'day-first', '2021-07-15'],
    ['2022/09/07', 'day-first', '2022-09-07'],
    ['2023-31-07', 'day-first', '2023-07-31'],
  ] as const)('%s reads as a calendar date (%s)', (text, order, iso) => {
    expect(readDate(text, order)).toMatchObject({ iso });
  });

  it('keeps both readings of an ambiguous day and month, and says which order an unambiguous one proves', () => {
    expect(readDate('05/06/2023')).toMatchObject({ ambiguous: { dayFirst: '2023-06-05', monthFirst: '2023-05-06' } });
    expect(readDate('23/06/2018')).toMatchObject({ order: 'day-first' });
    expect(readDate('06/23/2018')).toMatchObject({ order: 'month-first' });
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
