import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';

const summaryOf = (body: string) => parseDecision('docs/adr/0001-x.md', `# 1. X\n\n## Status\n\nAccepted\n\n${body}`).decision.summary;

describe('summary', () => {
  it('is the Decision section as markdown, without HTML comments', () => {
    expect(summaryOf('## Decision\n\n<!-- This is an optional element. -->\nWe will use **Postgres**.\n\nFor [reasons](x.md).\n\n## Consequences\n\nc')).toBe(
      'We will use **Postgres**.\n\nFor [reasons](x.md).',
    );
  });

  it('accepts "Decision Outcome" and stops at its first subsection', () => {
    expect(summaryOf('## Decision Outcome\n\nChosen option: "A".\n\n### Consequences\n\n* Good')).toBe('Chosen option: "A".');
  });

  it('reads past a subheading the section opens with', () => {
    expect(summaryOf('## Decision\n\n#### Components\n\nUse components.\n\n#### Runtime\n\nr')).toBe('#### Components\n\nUse components.');
  });

  it('accepts a "Proposal" section', () => {
    expect(summaryOf('## Proposal\n\nWe propose A.')).toBe('We propose A.');
  });

  it('skips multi-line comments', () => {
    expect(summaryOf('## Decision\n\n<!--\nnote to authors\n-->\nUse A.')).toBe('Use A.');
  });

  it('keeps at most eight lines', () => {
    const items = Array.from({ length: 20 }, (_, i) => `- item ${i}`).join('\n');
    expect(summaryOf(`## Decision\n\n${items}`).split('\n')).toEqual(Array.from({ length: 8 }, (_, i) => `- item ${i}`));
  });

  it('keeps at most about 600 characters, cut between words', () => {
    const s = summaryOf(`## Decision\n\n${'word '.repeat(300)}`);
    expect(s.length).toBeLessThanOrEqual(602);
    expect(s.endsWith('word …')).toBe(true);
  });

  it('closes a code block it cuts', () => {
    const code = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const s = summaryOf(`## Decision\n\n\`\`\`\n${code}\n\`\`\``);
    expect(s.split('\n')[0]).toBe('```');
    expect(s.endsWith('\n```')).toBe(true);
  });

  it('is empty without a Decision section', () => {
    expect(summaryOf('## Context\n\nc')).toBe('');
  });
});

describe('searchText', () => {
  it('is the plain text of the body', () => {
    const r = parseDecision('docs/adr/0001-x.md', '---\nstatus: accepted\n---\n# Use X\n\n## Decision\n\nWe use **X** via [the gateway](gw.md).\n\n| a | b |\n|---|---|\n| c | d |\n<!-- hidden -->');
    expect(r.decision.searchText).toBe('Use X Decision We use X via the gateway. a b c d');
  });

  it('starts with the file-name title when there is no heading', () => {
    expect(parseDecision('docs/adr/0007-use-kafka.md', 'Some text.').decision.searchText).toBe('Use kafka Some text.');
  });

  it('is capped at about 4,000 characters', () => {
    const r = parseDecision('docs/adr/0001-x.md', `# X\n\n${'lorem ipsum '.repeat(5000)}`);
    expect(r.decision.searchText.length).toBeLessThanOrEqual(4000);
    expect(r.decision.searchText.length).toBeGreaterThan(3800);
  });
});
