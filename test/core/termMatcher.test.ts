import { describe, expect, it } from 'vitest';
import { identifierWords, TermMatcher } from '../../server/src/core/terms/matcher';

const GLOSSARY = [
  { text: 'reverse ETL', id: 1 },
  { text: 'ETL', id: 2 },
  { text: 'CDC', id: 3 },
  { text: 'event sink', id: 4 },
  { text: 'Slim CI', id: 5 },
  { text: 'CI', id: 6 },
  { text: 'SLA', id: 7 },
  { text: 'DLQ', id: 8 },
  { text: 'dead letter queue', id: 8 },
  { text: 'offset', id: 9 },
  { text: 'snapshot', id: 10 },
  { text: 'batch', id: 11 },
  { text: 'policy', id: 12 },
  { text: 'C&C', id: 13 },
  { text: 'p99', id: 14 },
  { text: 'at-least-once', id: 15 },
  { text: 'Kafka Connect', id: 16 },
  { text: 'GraphQL', id: 17 },
  { text: 'cache', id: 18 },
  { text: 'status', id: 19 },
];
const matcher = TermMatcher.build(GLOSSARY);

/** Matches as `start-end id "text"`, so a failure shows what was matched where. */
function found(text: string, m = matcher, from?: number, to?: number): string[] {
  return m.findAll(text, from, to).map((x) => `${x.start}-${x.end} ${x.id} ${JSON.stringify(text.slice(x.start, x.end))}`);
}

describe('identifierWords', () => {
  it('splits camelCase, acronyms, snake_case and kebab-case, keeping digits and plural acronyms whole', () => {
    expect(identifierWords('cdcEventSink')).toEqual(['cdc', 'Event', 'Sink']);
    expect(identifierWords('CDCEventSink')).toEqual(['CDC', 'Event', 'Sink']);
    expect(identifierWords('reverse_etl_job')).toEqual(['reverse', 'etl', 'job']);
    expect(identifierWords('dead-letter-queue')).toEqual(['dead', 'letter', 'queue']);
    expect(identifierWords('p99LatencyMs')).toEqual(['p99', 'Latency', 'Ms']);
    expect(identifierWords('listDLQsFor')).toEqual(['list', 'DLQs', 'For']);
    expect(identifierWords('C&C, café')).toEqual(['C', '&', 'C', ',', 'café']);
  });
});

describe('TermMatcher.findAll', () => {
  it('matches case-insensitively on word boundaries with exact UTF-16 offsets', () => {
    expect(found('Our etl runs; the Etl job, ETL.')).toEqual(['4-7 2 "etl"', '18-21 2 "Etl"', '27-30 2 "ETL"']);
  });

  it('never matches part of a word', () => {
    expect(found('abcdcx ETLX xetl cdcs2 CIA Slimmer')).toEqual([]);
  });

  it('prefers the longest term', () => {
    expect(found('reverse ETL and Slim CI, not CI')).toEqual([
      '0-11 1 "reverse ETL"',
      '16-23 5 "Slim CI"',
      '29-31 6 "CI"',
    ]);
  });

  it('falls back to a shorter term when a longer one does not complete', () => {
    expect(found('reverse the ETL')).toEqual(['12-15 2 "ETL"']);
    const m = TermMatcher.build([
      { text: 'dead letter queue', id: 1 },
      { text: 'letter', id: 2 },
    ]);
    expect(found('dead letter box', m)).toEqual(['5-11 2 "letter"']);
  });

  it('resolves overlapping candidates leftmost first, without overlap', () => {
    const m = TermMatcher.build([
      { text: 'event sink', id: 1 },
      { text: 'sink connector', id: 2 },
      { text: 'connector', id: 3 },
    ]);
    expect(found('event sink connector', m)).toEqual(['0-10 1 "event sink"', '11-20 3 "connector"']);
    expect(found('an event Sink Connector', m)).toEqual(['3-13 1 "event Sink"', '14-23 3 "Connector"']);
  });

  it('accepts simple plurals of the last word', () => {
    expect(found('SLAs, DLQs and offsets; snapshots, batches, policies, caches, statuses')).toEqual([
      '0-4 7 "SLAs"',
      '6-10 8 "DLQs"',
      '15-22 9 "offsets"',
      '24-33 10 "snapshots"',
      '35-42 11 "batches"',
      '44-52 12 "policies"',
      '54-60 18 "caches"',
      '62-70 19 "statuses"',
    ]);
    expect(found('reverse ETL jobs, reverse ETLs')).toEqual(['0-11 1 "reverse ETL"', '18-30 1 "reverse ETLs"']);
  });

  it('matches terms written in the plural in the singular too', () => {
    const m = TermMatcher.build([{ text: 'Feature Flags', id: 1 }]);
    expect(found('a feature flag, two feature-flags', m)).toEqual(['2-14 1 "feature flag"', '20-33 1 "feature-flags"']);
  });

  it('matches inside identifiers at camelCase, snake_case and kebab-case boundaries', () => {
    expect(found('cdcEventSink CDCEventSink')).toEqual([
      '0-3 3 "cdc"',
      '3-12 4 "EventSink"',
      '13-16 3 "CDC"',
      '16-25 4 "EventSink"',
    ]);
    expect(found('reverse_etl_job dead-letter-queue reverseETLJob listDLQsFor')).toEqual([
      '0-11 1 "reverse_etl"',
      '16-33 8 "dead-letter-queue"',
      '34-44 1 "reverseETL"',
      '52-56 8 "DLQs"',
    ]);
  });

  it('joins multi-word terms across one space, one line break, tabs, _ and -; not across punctuation or blank lines', () => {
    expect(found('reverse\nETL | reverse\r\nETL | reverse \t ETL')).toEqual([
      '0-11 1 "reverse\\nETL"',
      '14-26 1 "reverse\\r\\nETL"',
      '29-42 1 "reverse \\t ETL"',
    ]);
    expect(found('reverse, ETL | reverse\n\nETL | reverse__ETL | reverse -ETL')).toEqual([
      '9-12 2 "ETL"',
      '24-27 2 "ETL"',
      '39-42 2 "ETL"',
      '54-57 2 "ETL"',
    ]);
  });

  it('matches terms with punctuation and digits', () => {
    expect(found('C&C and c&c; p99 latency, p99Latency; at-least-once, at least once, atLeastOnce; Kafka  Connect')).toEqual(
      [
        '0-3 13 "C&C"',
        '8-11 13 "c&c"',
        '13-16 14 "p99"',
        '26-29 14 "p99"',
        '38-51 15 "at-least-once"',
        '53-66 15 "at least once"',
        '68-79 15 "atLeastOnce"',
        '81-95 16 "Kafka  Connect"',
      ],
    );
    expect(found('C & D, C&, p999, at-least')).toEqual([]);
  });

  it('matches mixed-case terms split or whole', () => {
    expect(found('GraphQL graphql GRAPHQL graph_ql GraphQLSchema')).toEqual([
      '0-7 17 "GraphQL"',
      '8-15 17 "graphql"',
      '16-23 17 "GRAPHQL"',
      '24-32 17 "graph_ql"',
      '33-40 17 "GraphQL"',
    ]);
  });

  it('counts UTF-16 units after accents and emoji, and matches accented terms case-insensitively', () => {
    const text = 'é 😀 ETL; café CDC';
    expect(found(text)).toEqual(['5-8 2 "ETL"', '15-18 3 "CDC"']);
    const m = TermMatcher.build([{ text: 'Règle métier', id: 1 }]);
    expect(found('🚀 une RÈGLE MÉTIER', m)).toEqual(['7-19 1 "RÈGLE MÉTIER"']);
    expect(found('règlement métier', m)).toEqual([]);
  });

  it('scans only the given range and never matches the tail of a cut word', () => {
    const text = 'xetl etl reverse etl';
    expect(found(text)).toEqual(['5-8 2 "etl"', '9-20 1 "reverse etl"']);
    expect(found(text, matcher, 1)).toEqual(['5-8 2 "etl"', '9-20 1 "reverse etl"']);
    expect(found(text, matcher, 5, 19)).toEqual(['5-8 2 "etl"']);
    expect(found(text, matcher, 9, 20)).toEqual(['9-20 1 "reverse etl"']);
    expect(found('etl reverse etlx', matcher, 0, 15)).toEqual(['0-3 2 "etl"']);
    // Starting at a camelCase boundary is a real word start.
    expect(found('cdcEventSink', matcher, 3)).toEqual(['3-12 4 "EventSink"']);
  });

  it('keeps the first entry when two entries normalise alike, and prefers an exact spelling to a plural form', () => {
    const m = TermMatcher.build([
      { text: 'Data Product', id: 1 },
      { text: 'data product', id: 2 },
      { text: 'new', id: 3 },
      { text: 'news', id: 4 },
    ]);
    expect(m.findAll('data products').map((x) => x.id)).toEqual([1]);
    expect(m.findAll('news new').map((x) => x.id)).toEqual([4, 3]);
  });

  it('is empty for an empty glossary or entries without words, and never throws on hostile text', () => {
    const empty = TermMatcher.build([{ text: '', id: 1 }, { text: '   ', id: 2 }, { text: 'x'.repeat(500), id: 3 }]);
    expect(empty.size).toBe(0);
    expect(empty.findAll('anything')).toEqual([]);
    expect(matcher.size).toBe(GLOSSARY.length);
    for (const text of ['', '\u0000\u0001\uFFFD', '\ud83d', '\uFEFFETL', '-'.repeat(10_000)]) {
      expect(() => matcher.findAll(text)).not.toThrow();
    }
    expect(found('\uFEFFETL')).toEqual(['1-4 2 "ETL"']);
  });

  it('scans megabytes of text with one very long word and finds what follows it', () => {
    const text = 'x'.repeat(5_000_000) + ' ' + '\ud83d\u0000é'.repeat(100_000) + ' reverse ETL';
    expect(matcher.findAll(text)).toEqual([{ start: text.length - 11, end: text.length, id: 1 }]);
  });
});

describe('TermMatcher.matchAt', () => {
  const text = 'use the reverse ETL job\nwith Slim\nCI please';

  it('returns the match covering the first and last character, and nothing just outside', () => {
    expect(matcher.matchAt(text, 8)).toEqual({ start: 8, end: 19, id: 1 });
    expect(matcher.matchAt(text, 18)).toEqual({ start: 8, end: 19, id: 1 });
    expect(matcher.matchAt(text, 12)).toEqual({ start: 8, end: 19, id: 1 });
    expect(matcher.matchAt(text, 7)).toBeUndefined();
    expect(matcher.matchAt(text, 19)).toBeUndefined();
  });

  it('finds a term broken over a line break from either line, as findAll does', () => {
    const all = matcher.findAll(text);
    expect(all).toEqual([
      { start: 8, end: 19, id: 1 },
      { start: 29, end: 36, id: 5 },
    ]);
    expect(matcher.matchAt(text, 29)).toEqual(all[1]);
    expect(matcher.matchAt(text, 35)).toEqual(all[1]);
    expect(matcher.matchAt(text, 36)).toBeUndefined();
    expect(matcher.matchAt(text, -1)).toBeUndefined();
    expect(matcher.matchAt(text, text.length)).toBeUndefined();
  });

  it('agrees with findAll at every offset of a mixed text', () => {
    const sample = 'reverse_etl_job: CDCEventSink → DLQs\r\nSlim CI, at-least-once; 😀 policies\n';
    const all = matcher.findAll(sample);
    expect(all.length).toBe(7);
    for (let i = 0; i < sample.length; i++) {
      const expected = all.find((m) => m.start <= i && i < m.end);
      expect(matcher.matchAt(sample, i), `offset ${i}`).toEqual(expected);
    }
  });
});
