// The prose of a decision as sentences, each tagged with the section it sits under and the line it starts on:
// what "why?" ranks and quotes.
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';
import { sectionKindOf, unpackPassages } from '../../../server/src/core/decisions/passages';

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
    expect(unpackPassages(decision.passages)).toEqual([
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

  it('packs the sentences into one string and gives the same sentences back', () => {
    const { decision } = parseDecision('docs/adr/0001-x.md', '# X\n\n## Context\n\nSlow. Very slow.\n\n## Decision\n\nWe use A.\n');
    expect(decision.passages.text).toBe('Slow.Very slow.We use A.');
    expect(Array.from(decision.passages.meta)).toEqual([5, 5, 0, 15, 5, 0, 24, 9, 1]);
    expect(unpackPassages(parseDecision('docs/adr/0002-y.md', '# Y\n').decision.passages)).toEqual([]);
  });

  it('a sentence that starts at the end of a line gets that line', () => {
    const { decision } = parseDecision('docs/adr/0001-x.md', '# X\n\n## Decision\n\nWe use A. We\nuse B because it is fast.\n');
    expect(unpackPassages(decision.passages).map((p) => [p.line, p.text])).toEqual([
      [5, 'We use A.'],
      [5, 'We use B because it is fast.'],
    ]);
  });
});
