import { describe, expect, it } from 'vitest';
import { lensPickItems } from '../../client/src/model/lensTargets';

describe('code lens picker items', () => {
  it('keeps well-formed file targets and refuses anything else a command argument could carry', () => {
    const items = lensPickItems([
      { label: 'ADR-0007 Kafka Connect', description: 'accepted', uri: 'file:///ws/docs/adr/0007.md', line: 14, action: 'open' },
      { label: 'ADR-0007 is 4 commits behind', uri: 'file:///ws/docs/adr/0007.md', line: 3, action: 'showChanges' },
      { label: 'x', uri: 'command:workbench.action.terminal.new', line: 1, action: 'open' },
      { label: 'x', uri: 'file:///ws/a.md', line: 1, action: 'runShell' },
      { label: 3, uri: 'file:///ws/a.md', line: 1, action: 'open' },
      null,
    ]);
    expect(items.map((i) => [i.label, i.description, i.target.action, i.target.line])).toEqual([
      ['ADR-0007 Kafka Connect', 'accepted', 'open', 14],
      ['ADR-0007 is 4 commits behind', undefined, 'showChanges', 3],
    ]);
    expect(lensPickItems('not a list')).toEqual([]);
  });

  it('shows a title that looks like an icon as text', () => {
    const [item] = lensPickItems([{ label: 'Use $(terminal) icons', uri: 'file:///ws/a.md', line: 1, action: 'open' }]);
    expect(item.label).not.toContain('$(');
    expect(item.target.label).toBe('Use $(terminal) icons');
  });
});
