import { describe, expect, it } from 'vitest';
import { normaliseStatus } from '../../../server/src/core/decisions/status';

describe('normaliseStatus', () => {
  it.each([
    ['Accepted', 'accepted', 'Accepted'],
    ['accepted', 'accepted', 'accepted'],
    ['PROPOSED', 'proposed', 'PROPOSED'],
    ['**Accepted**', 'accepted', 'Accepted'],
    ['_Proposed_', 'proposed', 'Proposed'],
    ['`draft`', 'draft', 'draft'],
    ['✅ Accepted', 'accepted', 'Accepted'],
    ['🟡 Proposed', 'proposed', 'Proposed'],
    ['❌ Rejected', 'rejected', 'Rejected'],
    ['🏗️ WIP', 'draft', 'WIP'],
    ['Accepted 2020-01-02', 'accepted', 'Accepted 2020-01-02'],
    ['Accepted (2020-01-02)', 'accepted', 'Accepted (2020-01-02)'],
    ['2020-01-02 accepted', 'accepted', '2020-01-02 accepted'],
    ['Accepted.', 'accepted', 'Accepted'],
    ['Accepted!', 'accepted', 'Accepted'],
    ['Deprecated (no superseding ADR)', 'deprecated', 'Deprecated (no superseding ADR)'],
    ['Approved', 'accepted', 'Approved'],
    ['adopted', 'accepted', 'adopted'],
    ['Done', 'accepted', 'Done'],
    ['Proposal', 'proposed', 'Proposal'],
    ['In review', 'proposed', 'In review'],
    ['Under discussion', 'proposed', 'Under discussion'],
    ['Pending', 'proposed', 'Pending'],
    ['Obsolete', 'deprecated', 'Obsolete'],
    ['Retired', 'deprecated', 'Retired'],
    ['Declined', 'rejected', 'Declined'],
    ['Abandoned', 'rejected', 'Abandoned'],
    ['Not accepted', 'rejected', 'Not accepted'],
    ['Replaced', 'superseded', 'Replaced'],
    ['Superseded', 'superseded', 'Superseded'],
    ['wip', 'draft', 'wip'],
    ['Work in progress', 'draft', 'Work in progress'],
    ['In progress', 'draft', 'In progress'],
    ['Status: Accepted', 'accepted', 'Accepted'],
  ])('%s -> %s', (raw, status, text) => {
    const r = normaliseStatus(raw);
    expect(r.status).toBe(status);
    expect(r.text).toBe(text);
    expect(r.supersededBy).toBeUndefined();
  });

  it('keeps unknown text and gives no status', () => {
    expect(normaliseStatus('On hold')).toEqual({ text: 'On hold' });
    expect(normaliseStatus('🤔 **Maybe later**')).toEqual({ text: 'Maybe later' });
  });

  it('gives an empty text for nothing but markup', () => {
    expect(normaliseStatus('  <!-- fill in -->  ')).toEqual({ text: '' });
    expect(normaliseStatus('')).toEqual({ text: '' });
  });

  it('returns the superseding target as written', () => {
    expect(normaliseStatus('Superseded by ADR-0012')).toEqual({
      status: 'superseded',
      text: 'Superseded by ADR-0012',
      supersededBy: 'ADR-0012',
    });
    expect(normaliseStatus('Superseded by [12. Foo](0012-foo.md)')).toEqual({
      status: 'superseded',
      text: 'Superseded by 12. Foo',
      supersededBy: '[12. Foo](0012-foo.md)',
    });
    // adr-tools writes "Superceded".
    expect(normaliseStatus('Superceded by [3. Use Y](0003-use-y.md)').supersededBy).toBe('[3. Use Y](0003-use-y.md)');
    expect(normaliseStatus('**superseded by** [ADR-0005](0005-x.md).')).toMatchObject({
      status: 'superseded',
      supersededBy: '[ADR-0005](0005-x.md)',
    });
    expect(normaliseStatus('Replaced by 0007-new-thing')).toMatchObject({ status: 'superseded', supersededBy: '0007-new-thing' });
  });

  it('bounds its work on a hostile value', () => {
    const r = normaliseStatus(`accepted ${'<!--['.repeat(200_000)}`);
    expect(r.status).toBe('accepted');
  });
});
