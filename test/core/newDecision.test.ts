import { describe, expect, it } from 'vitest';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import { parseDecision } from '../../server/src/core/decisions/parse';
import { planNewDecision, relativeLink, slugify } from '../../server/src/core/newDecision';
import { DECISION_TEMPLATES } from '../../server/src/protocol';
import type { TextRange } from '../../server/src/core/model';
import { MemoryWorkspace } from '../../server/src/core/workspace';

async function snapshotOf(files: Record<string, string>) {
  const index = new ArchitectureIndex(new MemoryWorkspace(files));
  return index.rebuild();
}

/** Applies a single-line edit the way an editor would. */
function apply(text: string, range: TextRange, newText: string): string {
  const lines = text.split('\n');
  const start = lines.slice(0, range.start.line - 1).join('\n').length + (range.start.line > 1 ? 1 : 0) + range.start.character;
  const end = lines.slice(0, range.end.line - 1).join('\n').length + (range.end.line > 1 ? 1 : 0) + range.end.character;
  return text.slice(0, start) + newText + text.slice(end);
}

const nygard = (n: number, title: string, status = 'Accepted') => `# ${n}. ${title}\n\nDate: 2024-01-01\n\n## Status\n\n${status}\n\n## Decision\n\nDo it.\n`;

describe('planning a new decision', () => {
  it('takes the next number in the decision folder and follows its file naming', async () => {
    const s = await snapshotOf({
      '.adr-dir': 'architecture/decisions',
      'architecture/decisions/adr-001-first.md': nygard(1, 'First'),
      'architecture/decisions/adr-007-seventh.md': nygard(7, 'Seventh'),
    });
    const plan = planNewDecision(s, { title: 'Use Kafka Connect!', template: 'nygard', today: '2025-11-22' });
    expect(plan.number).toBe(8);
    expect(plan.path).toBe('architecture/decisions/adr-008-use-kafka-connect.md');
  });

  it('starts at 1 in docs/adr with four digits when there are no decisions yet', async () => {
    const plan = planNewDecision(await snapshotOf({ 'src/a.py': 'x = 1\n' }), { title: 'Record decisions', template: 'madr-minimal', today: '2025-11-22' });
    expect(plan).toMatchObject({ number: 1, path: 'docs/adr/0001-record-decisions.md' });
  });

  it.each([...DECISION_TEMPLATES])('renders the %s template so that it parses back as a proposed decision', async (template) => {
    const s = await snapshotOf({ 'docs/adr/0003-old.md': nygard(3, 'Old') });
    const plan = planNewDecision(s, { title: 'Serve features over gRPC', template, today: '2025-11-22' });
    const { decision, problems } = parseDecision(plan.path, plan.content);
    expect(problems).toEqual([]);
    expect(decision).toMatchObject({ number: 4, title: 'Serve features over gRPC', status: 'proposed', date: '2025-11-22' });
  });

  it.each([
    ['Nygard status section', nygard(3, 'Old'), 'Superseded by [4. New way](0004-new-way.md)'],
    ['MADR front matter', '---\nstatus: accepted\ndate: 2024-01-01\n---\n# Old\n', 'status: superseded by ADR-0004'],
    ['MADR 2 bullet', '# Old\n\n* Status: accepted\n* Date: 2024-01-01\n', '* Status: Superseded by [4. New way](0004-new-way.md)'],
    ['metadata table', '# Old\n\n| Field | Value |\n|---|---|\n| Status | Accepted |\n', '| Status | Superseded by [4. New way](0004-new-way.md) |'],
  ])('supersedes a decision written with a %s: both sides name each other', async (_name, oldText, expectedLine) => {
    const s = await snapshotOf({ 'docs/adr/0003-old.md': oldText });
    const plan = planNewDecision(s, { title: 'New way', template: 'nygard', today: '2025-11-22', supersedes: 'docs/adr/0003-old', supersededText: oldText });
    expect(plan.content).toContain('Supersedes [3. Old](0003-old.md)');
    const edited = apply(oldText, plan.supersededEdit!.range, plan.supersededEdit!.newText);
    expect(edited.split('\n')).toContain(expectedLine);
    // The index reads the pair back as one relation stated on both sides.
    const after = await snapshotOf({ 'docs/adr/0003-old.md': edited, [plan.path]: plan.content });
    const old = after.decision('docs/adr/0003-old')!;
    expect(old.status).toBe('superseded');
    expect(old.supersededBy).toEqual(['docs/adr/0004-new-way']);
    expect(after.problems.filter((p) => p.code.endsWith('relation'))).toEqual([]);
  });
});

describe('names and links', () => {
  it('slugs titles to safe file names', () => {
    expect(slugify('Use Kafka Connect & Debezium (CDC)')).toBe('use-kafka-connect-debezium-cdc');
    expect(slugify('Café décisions')).toBe('cafe-decisions');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('!!!')).toBe('decision');
  });

  it('builds relative links between workspace files', () => {
    expect(relativeLink('docs/adr/0004-a.md', 'docs/adr/0003-b.md')).toBe('0003-b.md');
    expect(relativeLink('docs/adr/0004-a.md', 'docs/architecture/view.md')).toBe('../architecture/view.md');
    expect(relativeLink('README.md', 'docs/adr/0001-x.md')).toBe('docs/adr/0001-x.md');
  });
});
