// The prose of a decision as sentences, each tagged with the section it sits under and the line it starts on:
// what "why?" ranks and quotes.
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';
import { sectionKindOf } from '../../../server/src/core/decisions/passages';

describe('decision passages', () => {
  it('splits paragraphs and list items into sentences with their section and starting line', () => {
    const text = [
      '---', 'status: accepted', '---', '# Use Kafka', '', 'Amended by [2. Other](0002-other.md)', '',
      '## Context and Problem Statement', '', 'Batches are slow. Deletes are', 'missed by the nightly job.', '',
      '## Considered Options', '', '* Kafka', '* A managed queue', '',
      '## Decision Outcome', '', 'Chosen option: "Kafka", because it keeps', 'order per key.', '',
      '### Consequences', '', '* Good, because replays are possible.', '',
      '```', 'code is not prose.', '```', '',
      '## More Information', '', 'See the wiki.', '',
    ].join('\n');
    const { decision } = parseDecision('docs/adr/0001-use-kafka.md', text);
    expect(decision.passages).toEqual([
      { section: 'context', line: 10, text: 'Batches are slow.' },
      { section: 'context', line: 10, text: 'Deletes are missed by the nightly job.' },
      { section: 'options', line: 15, text: 'Kafka' },
      { section: 'options', line: 16, text: 'A managed queue' },
      { section: 'decision', line: 20, text: 'Chosen option: "Kafka", because it keeps order per key.' },
      { section: 'consequences', line: 25, text: 'Good, because replays are possible.' },
    ]);
  });

  it('names sections by what their headings say, in any template', () => {
    expect(sectionKindOf('Context')).toBe('context');
    expect(sectionKindOf('Decision Drivers')).toBe('context');
    expect(sectionKindOf('Proposal')).toBe('decision');
    expect(sectionKindOf('Pros and Cons of the Options')).toBe('options');
    expect(sectionKindOf('Positive Consequences')).toBe('consequences');
    expect(sectionKindOf('Status')).toBe('skip');
    expect(sectionKindOf('Components')).toBeUndefined();
  });

  it('a sentence that starts at the end of a line gets that line', () => {
    const { decision } = parseDecision('docs/adr/0001-x.md', '# X\n\n## Decision\n\nWe use A. We\nuse B because it is fast.\n');
    expect(decision.passages?.map((p) => [p.line, p.text])).toEqual([
      [5, 'We use A.'],
      [5, 'We use B because it is fast.'],
    ]);
  });
});
