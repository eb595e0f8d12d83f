import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../../server/src/core/decisions/parse';

const relationsOf = (path: string, text: string) => parseDecision(path, text).decision.relations;

describe('front-matter relations', () => {
  it('reads each key as a string or a list, with every value form', () => {
    const text = [
      '---',
      'status: accepted',
      'supersedes: ADR-0003',
      'superseded_by: [3, 0004-some-slug]',
      'superseded-by: 0005-some-slug.md',
      'amends:',
      '  - ../adr/0006-x.md',
      '  - "[7. Seven](0007-seven.md#context)"',
      'replaces: https://example.com/adr/8',
      'amended_by: ADR 9',
      '---',
      '# Title',
    ].join('\n');
    expect(relationsOf('docs/decisions/0010-x.md', text)).toEqual([
      { kind: 'supersedes', text: 'ADR-0003', number: 3, line: 3 },
      // A URL names another site's decision: kept as that link.
      { kind: 'supersedes', text: 'https://example.com/adr/8', external: 'https://example.com/adr/8', line: 9 },
      { kind: 'supersededBy', text: '3', number: 3, line: 4 },
      { kind: 'supersededBy', text: '0004-some-slug', slug: '0004-some-slug', number: 4, line: 4 },
      { kind: 'amends', text: '../adr/0006-x.md', path: 'docs/adr/0006-x.md', number: 6, line: 6 },
      { kind: 'amends', text: '[7. Seven](0007-seven.md#context)', path: 'docs/decisions/0007-seven.md', number: 7, line: 6 },
      { kind: 'amendedBy', text: 'ADR 9', number: 9, line: 10 },
    ]);
  });

  it('reads superseded-by when superseded_by is absent, and a file name as a path', () => {
    const text = ['---', 'superseded-by: 0005-some-slug.md', 'status: superseded', '---', '# T'].join('\n');
    expect(relationsOf('docs/decisions/0001-x.md', text)).toEqual([
      { kind: 'supersededBy', text: '0005-some-slug.md', path: 'docs/decisions/0005-some-slug.md', number: 5, line: 2 },
    ]);
  });

  it('reads log4brains-style slugs without a number', () => {
    const text = ['---', 'supersedes: 20201028-superseded-adr', '---', '# T'].join('\n');
    expect(relationsOf('docs/adr/20201029-x.md', text)).toEqual([
      { kind: 'supersedes', text: '20201028-superseded-adr', slug: '20201028-superseded-adr', line: 2 },
    ]);
  });
});

describe('relation phrases in the body', () => {
  it.each([
    ['Supersedes [3. Foo](0003-foo.md)', 'supersedes'],
    ['Superseded by [3. Foo](0003-foo.md)', 'supersededBy'],
    ['Superceded by [3. Foo](0003-foo.md)', 'supersededBy'],
    ['Amends [3. Foo](0003-foo.md)', 'amends'],
    ['Amended by [3. Foo](0003-foo.md)', 'amendedBy'],
    ['Replaces [3. Foo](0003-foo.md)', 'supersedes'],
    ['Replaced by [3. Foo](0003-foo.md)', 'supersededBy'],
    ['- Supersedes [3. Foo](0003-foo.md)', 'supersedes'],
    ['* **Superseded by:** [3. Foo](0003-foo.md)', 'supersededBy'],
  ])('%s', (line, kind) => {
    expect(relationsOf('docs/adr/0010-x.md', `# 10. X\n\n${line}\n`)).toEqual([
      { kind, text: '[3. Foo](0003-foo.md)', number: 3, path: 'docs/adr/0003-foo.md', line: 3 },
    ]);
  });

  it('reads ADR-number references and lists of several', () => {
    expect(relationsOf('docs/adr/0010-x.md', '# X\n\nSupersedes ADR-0003, ADR 4 and [ADR-5](https://example.com/adr/5).\n')).toEqual([
      { kind: 'supersedes', text: 'ADR-0003', number: 3, line: 3 },
      { kind: 'supersedes', text: 'ADR 4', number: 4, line: 3 },
      // The link leaves the repository: its label's 5 is that site's decision 5, not this log's.
      { kind: 'supersedes', text: '[ADR-5](https://example.com/adr/5)', external: 'https://example.com/adr/5', line: 3 },
    ]);
  });

  it('resolves links against the decision, drops the fragment and leaves the workspace alone', () => {
    expect(relationsOf('docs/adr/0010-x.md', '# X\n\nAmends [old](../old/0002-y.md#decision)\n\nAmends [out](../../../0001-z.md)\n')).toEqual([
      { kind: 'amends', text: '[old](../old/0002-y.md#decision)', number: 2, path: 'docs/old/0002-y.md', line: 3 },
      { kind: 'amends', text: '[out](../../../0001-z.md)', number: 1, line: 5 },
    ]);
  });

  it('does not read phrases that are not followed by a reference, mid-sentence ones, or code', () => {
    const text = [
      '# X',
      '',
      'Replaces the old logging system.',
      '',
      '```',
      'Supersedes [3. Foo](0003-foo.md)',
      '```',
      '',
      '    Supersedes ADR-0004',
    ].join('\n');
    expect(relationsOf('docs/adr/0010-x.md', text)).toEqual([]);
  });

  it('states a relation once when the status and a line say the same', () => {
    const text = '# 3. Foo\n\n## Status\n\nSuperseded by [7. Bar](0007-bar.md)\n';
    expect(relationsOf('doc/adr/0003-foo.md', text)).toEqual([
      { kind: 'supersededBy', text: '[7. Bar](0007-bar.md)', number: 7, path: 'doc/adr/0007-bar.md', line: 5 },
    ]);
  });

  it('"Relates to" is not one of the relations the model knows', () => {
    expect(relationsOf('docs/adr/20201028-x.md', '# X\n\n## Links\n\n- Relates to [20201028-links](20201028-links.md)\n')).toEqual([]);
  });
});
