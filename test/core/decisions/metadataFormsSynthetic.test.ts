// The metadata forms of real decision logs that none of the shared corpora holds (those that do are tested on their
// corpus line in test/corpora/metadataForms.test.ts): one small record per form.
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';

const lines = (...l: string[]) => l.join('\n');
const read = (path: string, ...l: string[]) => parseDecision(path, lines(...l)).decision;

describe('metadata forms no corpus holds', () => {
  it('a `??? info` admonition (collapsed in mkdocs) holding the status and date bullets', () => {
    const d = read('docs/adr/0004-cache.md', '# 4. Cache reads', '', '??? info "Decision record"', '    - Status: Accepted', '    - Date: 2024-03-05', '', '## Context', '', 'Reads are slow.');
    expect(d).toMatchObject({ number: 4, title: 'Cache reads', status: 'accepted', date: '2024-03-05' });
  });

  it('`Updates` and `Updated by` rows of a metadata table amend', () => {
    const d = read(
      'docs/adr/0007-retry.md',
      '# 7. Retry with backoff',
      '',
      '| Field | Value |',
      '|---|---|',
      '| Status | Accepted |',
      '| Updates | [ADR 3](0003-timeouts.md) |',
      '| Updated by | ADR-0009 |',
    );
    expect(d.relations.map((r) => [r.kind, r.number, r.line])).toEqual([
      ['amends', 3, 6],
      ['amendedBy', 9, 7],
    ]);
  });

  it('`# ADR N022: …` titles: the number after a letter prefix, agreeing with the file name', () => {
    const { decision, problems } = parseDecision('docs/adr/N022-event-bus.md', lines('# ADR N022: Event bus', '', 'Status: Accepted'));
    expect(decision).toMatchObject({ number: 22, title: 'Event bus' });
    expect(problems.map((p) => p.code)).toEqual([]);
  });

  it('`# Project - PRJ-ADR-0003 - …` titles: the project name and the prefixed number go', () => {
    const { decision, problems } = parseDecision('docs/adr/PRJ-ADR-0003-use-kafka.md', lines('# Payments - PRJ-ADR-0003 - Use Kafka', '', 'Status: Accepted'));
    expect(decision).toMatchObject({ number: 3, title: 'Use Kafka' });
    expect(problems.map((p) => p.code)).toEqual([]);
  });

  it('emoji statuses on their own: ✅ accepted, 🤔 and ⌛️ proposed, ❌ rejected', () => {
    const status = (s: string) => read('docs/adr/0001-x.md', '# 1. X', '', '## Status', '', s).status;
    expect(['✅', '🤔', '⌛️', '❌'].map(status)).toEqual(['accepted', 'proposed', 'proposed', 'rejected']);
  });
});
