// One answer to "which decisions and view elements govern this path?" and "which paths does this decision govern?".
import { describe, expect, it } from 'vitest';
import { GovernanceIndex } from '../../server/src/core/governance';
import type { ArchitectureView, Decision } from '../../server/src/core/model';
import { makeDecision } from '../helpers/decisions';

const decision = (n: number, governs: string[], over: Partial<Decision> = {}): Decision =>
  makeDecision({ id: `docs/adr/${n}`, number: n, title: `Decision ${n}`, path: `docs/adr/${n}.md`, status: 'accepted', governs, ...over });

const view: ArchitectureView = {
  title: 'Module view',
  kind: 'module',
  path: 'docs/views/module.md',
  line: 1,
  sections: [],
  elements: [{ name: 'Connectors', paths: ['connect/'], line: 9 }],
};

const FILES = ['connect/a.json', 'connect/b/c.json', 'dags/x.py', 'docs/adr/7.md', 'docs/adr/8.md', 'docs/views/module.md'].sort();

describe('the governance index', () => {
  const index = new GovernanceIndex(
    [
      decision(8, ['connect/**', 'docs/adr/**']),
      decision(7, ['connect/*.json']),
      decision(3, ['connect/**'], { status: 'superseded', supersededBy: ['docs/adr/7'] }),
      decision(4, ['dags/**'], { status: 'rejected' }),
    ],
    [view],
    FILES,
  );

  it('names the standing decisions governing a path by number, never a retired one', () => {
    expect(index.decisionsGoverning('connect/a.json').map((d) => d.number)).toEqual([7, 8]);
    expect(index.decisionsGoverning('dags/x.py')).toEqual([]);
  });

  it('names the view elements documenting a path', () => {
    expect(index.elementsDocumenting('connect/b/c.json').map((e) => e.element.name)).toEqual(['Connectors']);
    expect(index.elementsDocumenting('dags/x.py')).toEqual([]);
  });

  it('lets no document govern itself', () => {
    expect(index.decisionsGoverning('docs/adr/8.md')).toEqual([]);
    expect(index.decisionsGoverning('docs/adr/7.md').map((d) => d.number)).toEqual([8]);
  });

  it('lists the paths a decision governs, none for a retired one', () => {
    expect(index.pathsGovernedBy(decision(8, ['connect/**', 'docs/adr/**']))).toEqual(['connect/a.json', 'connect/b/c.json', 'docs/adr/7.md']);
    expect(index.pathsGovernedBy(decision(3, ['connect/**'], { status: 'superseded' }))).toEqual([]);
  });
});
