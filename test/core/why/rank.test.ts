// "Why?" search: ten questions a newcomer asks about the example data platform, each with the decision a person
// who knows the platform would point to, plus the mechanics (synonyms from the glossary, superseded decisions after
// their successors, the answering sentence and its line) on small in-memory workspaces.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkspace } from '../../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../../server/src/core/archIndex';
import type { IndexSnapshot } from '../../../server/src/core/snapshot';
import { MemoryWorkspace } from '../../../server/src/core/workspace';
import { WhyIndex, whyIndexOf } from '../../../server/src/core/why/rank';

const EXAMPLE = path.resolve(__dirname, '../../../examples/data-platform');

const QUESTIONS: [question: string, decision: number][] = [
  ['why kafka connect', 7],
  ['why do we use debezium', 7],
  ['why not a managed feature store', 10],
  ['why dbt', 2],
  ['why reverse etl into postgres', 9],
  ['why did we stop the nightly batch', 7],
  ['why are bad records sent to a dead-letter topic', 8],
  ['why helm charts', 11],
  ['why bronze silver and gold layers', 4],
  ['why does CI only build changed models', 15],
];

describe('why on the example', () => {
  let snapshot: IndexSnapshot;
  beforeAll(async () => {
    snapshot = await new ArchitectureIndex(new NodeWorkspace(EXAMPLE)).rebuild();
  });

  it.each(QUESTIONS)('"%s" is answered first by ADR-%i', (question, number) => {
    const answers = whyIndexOf(snapshot).ask(question);
    expect(answers[0]?.decision.number, answers.map((a) => a.decision.title).join(' | ')).toBe(number);
  });

  it('quotes a sentence of the top decision at the line it is on', () => {
    for (const [question] of QUESTIONS) {
      const [top] = whyIndexOf(snapshot).ask(question);
      const sentence = top.sentence!;
      const line = readFileSync(path.join(EXAMPLE, top.decision.path), 'utf8').split('\n')[sentence.line - 1];
      // The line holds the start of the sentence (markup such as backticks and links removed from the sentence).
      const firstWords = sentence.text.split(/\s+/).slice(0, 2).join(' ').replace(/[`"]/g, '');
      expect(line.replace(/[`"[\]]/g, ''), question).toContain(firstWords);
    }
  });

  it('answers "why not X" with the rejected decision and its own words', () => {
    const [top] = whyIndexOf(snapshot).ask('why not a managed feature store');
    expect(top.decision.status).toBe('rejected');
    expect(top.sentence?.text).toMatch(/feature store/i);
  });

  it('lists a superseded decision after the decision that replaced it', () => {
    const ids = whyIndexOf(snapshot).ask('why serve features from a read replica').map((a) => a.decision.number);
    expect(ids).toContain(5);
    expect(ids.indexOf(9)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(9)).toBeLessThan(ids.indexOf(5));
  });

  it('answers nothing for words no decision uses', () => {
    expect(whyIndexOf(snapshot).ask('why redshift')).toEqual([]);
    expect(whyIndexOf(snapshot).ask('why?')).toEqual([]);
  });

  it('builds one index per snapshot', () => {
    expect(whyIndexOf(snapshot)).toBe(whyIndexOf(snapshot));
  });
});

describe('why index across snapshots', () => {
  const files = {
    'docs/adr/0001-queues.md': '# 1. Park poison messages\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nFailed records go to a dead letter queue.\n',
    'docs/glossary.md': '# Glossary\n\nDLQ\ndead letter queue\n: Where failed records go.\n',
    'src/job.py': '# nothing yet\n',
  };

  it('keeps the index and its term answers while no decision or term changes, and rebuilds when one does', async () => {
    const idx = new ArchitectureIndex(new MemoryWorkspace(files));
    const first = await idx.rebuild();
    const term = first.terms[0];
    const about = whyIndexOf(first).about(term);
    expect(about.map((a) => a.decision.number)).toEqual([1]);
    // Typing in code makes a new snapshot with the same decisions and terms: a hover there builds nothing again.
    const typed = await idx.setOverlay('src/job.py', '# see ADR-0001\n');
    expect(typed).not.toBe(first);
    expect(whyIndexOf(typed)).toBe(whyIndexOf(first));
    expect(whyIndexOf(typed).about(typed.terms[0])).toBe(about);
    // A decision edit is a new index.
    const retitled = await idx.setOverlay('docs/adr/0001-queues.md', files['docs/adr/0001-queues.md'].replace('Park poison', 'Park bad'));
    expect(whyIndexOf(retitled)).not.toBe(whyIndexOf(first));
    expect(whyIndexOf(retitled).about(retitled.terms[0]).map((a) => a.decision.title)).toEqual(['Park bad messages']);
  });
});

async function index(files: Record<string, string>): Promise<IndexSnapshot> {
  return new ArchitectureIndex(new MemoryWorkspace(files)).rebuild();
}

describe('why mechanics', () => {
  it('expands a question through glossary synonyms', async () => {
    const s = await index({
      'docs/adr/0001-queues.md': '# 1. Park poison messages\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nFailed records go to a dead letter queue.\n',
      'docs/adr/0002-other.md': '# 2. Use PostgreSQL\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nWe store orders in PostgreSQL.\n',
      'docs/glossary.md': '# Glossary\n\nDLQ\ndead letter queue\n: Where failed records go.\n',
    });
    const answers = whyIndexOf(s).ask('why a DLQ');
    expect(answers.map((a) => a.decision.number)).toEqual([1]);
    expect(answers[0].sentence).toMatchObject({ section: 'decision', line: 11, text: 'Failed records go to a dead letter queue.' });
    // Without the glossary the question has no word in common with the decision.
    expect(new WhyIndex(s.decisions).ask('why a DLQ')).toEqual([]);
  });

  it('adds the successor of a superseded match before it, even when the successor did not match', async () => {
    const s = await index({
      'docs/adr/0001-nightly.md': '# 1. Nightly batch\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by [2. Streaming](0002-streaming.md)\n\n## Decision\n\nA nightly batch copies the tables.\n',
      'docs/adr/0002-streaming.md': '# 2. Streaming\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\nSupersedes [1. Nightly batch](0001-nightly.md)\n\n## Decision\n\nChanges are streamed as they happen.\n',
    });
    const answers = whyIndexOf(s).ask('why a nightly batch');
    expect(answers.map((a) => [a.decision.number, a.successorOf])).toEqual([
      [2, 'docs/adr/0001-nightly'],
      [1, undefined],
    ]);
  });

  it('ranks the decision section above a passing mention in the context', async () => {
    const s = await index({
      'docs/adr/0001-a.md': '# 1. Orders database\n\n## Status\n\nAccepted\n\n## Context\n\nWe looked at Kafka once.\n\n## Decision\n\nUse PostgreSQL.\n',
      'docs/adr/0002-b.md': '# 2. Event bus\n\n## Status\n\nAccepted\n\n## Context\n\nServices need events.\n\n## Decision\n\nUse Kafka for events between services.\n',
    });
    expect(whyIndexOf(s).ask('why kafka')[0].decision.number).toBe(2);
  });
});
