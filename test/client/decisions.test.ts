// The Decisions tree's model on the example workspace's real decisions, as the server sends them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionItem } from '../../server/src/protocol';
import { decisionChildren, decisionDescription, decisionLabel, decisionTooltip, filterDecisions, groupDecisions, oneLine, statusIcon } from '../../client/src/model/decisions';
import { exampleRequests } from './fixtures';

let decisions: DecisionItem[];
const byNumber = (n: number) => decisions.find((d) => d.number === n)!;

beforeAll(async () => {
  const { requests } = await exampleRequests();
  decisions = requests.decisions({});
});

describe('grouping by status', () => {
  it('orders the groups by lifecycle and counts each (12 accepted with the two of the platform log, 1 proposed, 2 superseded, 1 deprecated, 1 rejected, 1 draft)', () => {
    const groups = groupDecisions(decisions, 'status');
    expect(groups.map((g) => g.label)).toEqual(['Accepted (12)', 'Proposed (1)', 'Superseded (2)', 'Deprecated (1)', 'Rejected (1)', 'Draft (1)']);
    expect(groups.reduce((n, g) => n + g.decisions.length, 0)).toBe(decisions.length);
    expect(groups[2].decisions.map((d) => d.number)).toEqual([3, 5]);
  });

  it('sorts decisions by number inside a group and keeps group keys stable', () => {
    const accepted = groupDecisions(decisions, 'status')[0];
    const numbers = accepted.decisions.map((d) => d.number!);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(accepted.key).toBe('status:accepted');
  });

  it('puts decisions whose status could not be read in a last "Other" group', () => {
    const odd: DecisionItem = { ...byNumber(1), id: 'x', number: 99, status: undefined, statusText: 'On hold' };
    const groups = groupDecisions([odd, ...decisions], 'status');
    expect(groups.at(-1)!.label).toBe('Other (1)');
    expect(groups.at(-1)!.decisions[0].statusText).toBe('On hold');
  });
});

describe('grouping by tag and folder', () => {
  it('lists a decision under each of its tags, A–Z, with untagged decisions last', () => {
    const groups = groupDecisions(decisions, 'tag');
    const names = groups.map((g) => g.name);
    expect(names.at(-1)).toBe('Untagged');
    const tagged = names.slice(0, -1);
    expect(tagged).toEqual([...tagged].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    const serving = groups.find((g) => g.name === 'serving')!;
    expect(serving.decisions.map((d) => d.number)).toEqual([10, 13]);
    expect(serving.label).toBe('serving (2)');
    const untagged = groups.at(-1)!.decisions;
    expect(untagged.every((d) => d.tags.length === 0)).toBe(true);
    expect(untagged.length).toBe(decisions.filter((d) => d.tags.length === 0).length);
  });

  it('groups by the folder a decision lives in', () => {
    const moved: DecisionItem = { ...byNumber(2), id: 'y', folder: 'services/api/adr' };
    const groups = groupDecisions([...decisions, moved], 'folder');
    // The platform log's decisions are a folder of their own, named with their source.
    const own = decisions.filter((d) => !d.source).length;
    expect(groups.map((g) => g.label)).toEqual([`docs/adr (${own})`, 'platform:docs/adr (2)', 'services/api/adr (1)']);
  });
});

describe('labels, icons and tooltips', () => {
  it('labels a numbered decision `ADR-0007 Title` and an unnumbered one by its title', () => {
    expect(decisionLabel(byNumber(7))).toBe('ADR-0007 Kafka Connect and Debezium for change data capture');
    expect(decisionLabel({ title: 'Use Postgres' })).toBe('Use Postgres');
  });

  it('gives every status its own icon', () => {
    const icons = ['accepted', 'proposed', 'superseded', 'deprecated', 'rejected', 'draft'].map((s) => statusIcon(s).icon);
    expect(new Set(icons).size).toBe(6);
    expect(statusIcon(undefined).icon).toBe('question');
  });

  it('shows status, date, tags and the summary in the tooltip', () => {
    const tip = decisionTooltip(byNumber(7));
    expect(tip.split('\n\n')[1]).toBe('Accepted · 2024-05-14 · tags: ingestion, cdc, kafka');
    expect(tip).toContain(byNumber(7).summary);
    expect(byNumber(7).summary.length).toBeGreaterThan(20);
  });

  it('names the source of a decision read from another log, in the description and the tooltip', () => {
    const own = byNumber(7);
    expect(decisionDescription(own)).toBe('2024-05-14');
    expect(decisionTooltip(own)).not.toContain('From source');
    const fromLog = { ...own, source: 'platform' };
    expect(decisionDescription(fromLog)).toBe('platform · 2024-05-14');
    expect(decisionTooltip(fromLog).split('\n\n')[2]).toBe('From source platform (read-only)');
  });
});

describe('children', () => {
  it('lists supersede and amend relations, then governed paths', () => {
    const children = decisionChildren(byNumber(7));
    expect(children.map((c) => (c.kind === 'relation' ? `${c.relation}: ${c.label}` : c.kind === 'governs' ? `governs ${c.pattern} ${c.isGlob}` : c.kind))).toEqual([
      `Supersedes: ${byNumber(7).supersedes[0].label}`,
      `Amended by: ${byNumber(7).amendedBy[0].label}`,
      'governs connect/debezium/** true',
      'governs deploy/helm/kafka-connect/** true',
    ]);
    expect(byNumber(7).supersedes[0].uri).toBe(byNumber(3).uri);
  });

  it('marks a plain file path as not a glob, so the tree can open it', () => {
    const ci = decisionChildren(byNumber(15));
    expect(ci).toEqual([{ kind: 'governs', pattern: '.github/workflows/dbt-ci.yml', isGlob: false }]);
    expect(decisionChildren(byNumber(1))).toEqual([]);
  });
});

describe('fuzzy filter', () => {
  it('finds a decision by a misspelt title word', () => {
    expect(filterDecisions(decisions, 'debezum').map((d) => d.number)).toContain(7);
  });

  it('finds a decision by its number in any written form', () => {
    for (const q of ['ADR-0007', 'adr-7', '0007']) expect(filterDecisions(decisions, q)[0].number).toBe(7);
  });

  it('finds decisions by tag', () => {
    const hits = filterDecisions(decisions, 'lakehouse').map((d) => d.number);
    expect(hits).toContain(16);
  });

  it('returns everything for an empty query and nothing for nonsense', () => {
    expect(filterDecisions(decisions, '  ')).toHaveLength(decisions.length);
    expect(filterDecisions(decisions, 'zzqxjv')).toEqual([]);
  });
});

describe('picker text', () => {
  it('shows a summary on one line, without the ⏎ a quick pick draws for a line break', () => {
    const d = byNumber(7);
    expect(d.summary).toContain('\n');
    expect(oneLine(d.summary)).not.toMatch(/\n|`|\*\*/);
    expect(oneLine(d.summary)).toContain('sink connectors. Each source database gets one connector (connect/debezium/*.json)');
  });
});
