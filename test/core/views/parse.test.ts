import { describe, expect, it } from 'vitest';
import { normaliseViewKind, parseView } from '../../../server/src/core/views/parse';

const lines = (...l: string[]) => l.join('\n');

describe('normaliseViewKind', () => {
  it.each([
    ['module', 'module'],
    ['Module', 'module'],
    ['modules', 'module'],
    ['Module View', 'module'],
    ['component-and-connector', 'component-and-connector'],
    ['component and connector', 'component-and-connector'],
    ['Component & Connector', 'component-and-connector'],
    ['c&c', 'component-and-connector'],
    ['C&C', 'component-and-connector'],
    ['C & C view', 'component-and-connector'],
    ['deployment', 'deployment'],
    ['Deployment', 'deployment'],
    ['data-pipeline', 'data-pipeline'],
    ['data pipeline', 'data-pipeline'],
    ['Data_Pipeline', 'data-pipeline'],
    ['Information Flow', 'information-flow'],
    ['security', 'security'],
    ['  ', ''],
  ])('%s -> %s', (raw, kind) => expect(normaliseViewKind(raw)).toBe(kind));
});

describe('recognising views', () => {
  it('reads a view declared in front matter, with exact fields', () => {
    const text = lines(
      '---',
      'view: c&c',
      'title: Checkout runtime',
      'reviewed: 2024-05-01',
      'reviewed-commit: abc1234',
      '---',
      '# Checkout',
      '',
      '## Primary Presentation',
      '',
      '```mermaid',
      'graph LR',
      '```',
      '',
      '## Element Catalog',
      '',
      '| Component | Code | Description |',
      '|---|---|---|',
      '| Cart API | `services/cart/` | Holds the **cart**. |',
      '',
      '## Rationale',
      'Because.',
    );
    const { view, problems } = parseView('docs/views/checkout.md', text);
    expect(problems).toEqual([]);
    expect(view).toEqual({
      title: 'Checkout runtime',
      kind: 'component-and-connector',
      path: 'docs/views/checkout.md',
      line: 7,
      sections: [
        { name: 'Primary Presentation', line: 9 },
        { name: 'Element Catalog', line: 15 },
        { name: 'Rationale', line: 21 },
      ],
      elements: [{ name: 'Cart API', paths: ['services/cart/'], line: 19, description: 'Holds the cart.' }],
      reviewed: '2024-05-01',
      reviewedCommit: 'abc1234',
    });
  });

  it.each([
    ['# Module View', 'module'],
    ['# Component-and-Connector View', 'component-and-connector'],
    ['# Deployment View', 'deployment'],
    ['# Data Pipeline View', 'data-pipeline'],
    ['# Orders Module View', 'module'],
    ['# Checkout: Deployment View', 'deployment'],
    ['# C&C View', 'component-and-connector'],
    ['# Payments — Security View', 'security'],
    ['# Information Flow View', 'information-flow'],
  ])('takes the kind from the title "%s"', (h1, kind) => {
    const { view } = parseView('docs/v.md', lines(h1, '', '| Element | Code |', '|-|-|', '| A | `a/` |'));
    expect(view?.kind).toBe(kind);
    expect(view?.title).toBe(h1.slice(2));
    expect(view?.line).toBe(1);
  });

  it('is not a view without `view:` or an H1 ending in "View"', () => {
    for (const text of ['# Overview', '# Review notes', '# Preview', 'Some View text\n\n# Readme', '## Module View\n# Other', '']) {
      expect(parseView('docs/a.md', text)).toEqual({ problems: [] });
    }
  });

  it('the front matter kind wins over the title, and `view: false` opts out', () => {
    expect(parseView('v.md', lines('---', 'view: Data Pipeline', '---', '# Ingest Module View')).view?.kind).toBe('data-pipeline');
    expect(parseView('v.md', lines('---', 'view: false', '---', '# Module View'))).toEqual({ problems: [] });
  });

  it('uses the file name as title and the key line as line when there is no H1', () => {
    const { view } = parseView('docs/runtime.md', lines('---', 'kind: x', 'view: deployment', '---', 'Text.'));
    expect(view).toMatchObject({ title: 'runtime', kind: 'deployment', line: 3 });
  });

  it('lists sections case-insensitively at any level, numbered or with the Catalogue spelling', () => {
    const { view } = parseView(
      'v.md',
      lines(
        '# Module View',
        '## 1. primary presentation',
        '### Element Catalogue',
        '#### CONTEXT DIAGRAM',
        '## Variability guide:',
        '## Rationale',
        '## Related Views',
        '## Something else',
      ),
    );
    expect(view?.sections).toEqual([
      { name: 'Primary Presentation', line: 2 },
      { name: 'Element Catalog', line: 3 },
      { name: 'Context Diagram', line: 4 },
      { name: 'Variability Guide', line: 5 },
      { name: 'Rationale', line: 6 },
      { name: 'Related Views', line: 7 },
    ]);
  });
});

describe('element catalog tables', () => {
  it('reads several paths per cell: commas, <br>, code spans and links resolved against the view', () => {
    const { view } = parseView(
      'docs/views/module.md',
      lines(
        '# Module View',
        '## Element Catalog',
        '| Module | Repository path | Responsibility |',
        '|---|---|---|',
        '| Billing | `./src/billing/`, `src/invoices/*.ts` | Charges customers. |',
        '| Web | [web](../../apps/web/) <br> [`lib`](../../libs/ui/index.ts#L3) | UI |',
        '| Jobs | jobs/, ./cron/run.py; /scripts/nightly.sh | |',
        '| External | https://example.com/x, n/a | |',
        '| Prose | see the billing module | |',
      ),
    );
    expect(view?.elements).toEqual([
      { name: 'Billing', paths: ['src/billing/', 'src/invoices/*.ts'], line: 5, description: 'Charges customers.' },
      { name: 'Web', paths: ['apps/web/', 'libs/ui/index.ts'], line: 6, description: 'UI' },
      { name: 'Jobs', paths: ['jobs/', 'cron/run.py', 'scripts/nightly.sh'], line: 7 },
      { name: 'External', paths: [], line: 8 },
      { name: 'Prose', paths: [], line: 9 },
    ]);
  });

  it('recognises element and code columns by their header words', () => {
    const table = (header: string) =>
      parseView('v.md', lines('# Deployment View', '## Element Catalog', header, '|-|-|', '| **edge** | `infra/edge/` |')).view?.elements;
    expect(table('| Node | Location |')).toEqual([{ name: 'edge', paths: ['infra/edge/'], line: 5 }]);
    expect(table('| Stage | Implementation |')).toEqual([{ name: 'edge', paths: ['infra/edge/'], line: 5 }]);
    expect(table('| Element | Source |')).toEqual([{ name: 'edge', paths: ['infra/edge/'], line: 5 }]);
    // In the catalog section, an unnamed element column is the other column.
    expect(table('| Thing | Path |')).toEqual([{ name: 'edge', paths: ['infra/edge/'], line: 5 }]);
    expect(table('| Thing | Owner |')).toEqual([]);
  });

  it('reads tables anywhere in the view when there is no Element Catalog section, but only catalog-like ones', () => {
    const { view, problems } = parseView(
      'v.md',
      lines('# Module View', '| Version | Date |', '|-|-|', '| 1 | 2024 |', '', '## Parts', '| Name | Code |', '|-|-|', '| Core | `core/` |'),
    );
    expect(view?.elements).toEqual([{ name: 'Core', paths: ['core/'], line: 9 }]);
    expect(problems).toEqual([]);
  });

  it('ignores tables outside the Element Catalog when there is one', () => {
    const { view } = parseView(
      'v.md',
      lines('# Module View', '## Rationale', '| Name | Code |', '|-|-|', '| Old | `old/` |', '## Element Catalog', '| Name | Code |', '|-|-|', '| New | `new/` |'),
    );
    expect(view?.elements.map((e) => e.name)).toEqual(['New']);
  });
});

describe('element catalog headings', () => {
  it('reads `### Element` headings with Code lines in their variants', () => {
    const { view, problems } = parseView(
      'docs/v.md',
      lines(
        '# C&C View',
        '## Element Catalog',
        '### Gateway',
        'Routes requests.',
        'Code: `gateway/`, `shared/http/*.go`',
        '',
        '### Worker',
        '- **Code**: [`worker`](../worker/)',
        '',
        'Runs jobs',
        'in the background.',
        '',
        'More text.',
        '### Scheduler',
        '**Paths:** cron/, ./timers',
        '### Relations',
        'Gateway calls Worker.',
        '## Rationale',
        '### Not an element',
        'Code: `x/`',
      ),
    );
    expect(problems).toEqual([]);
    expect(view?.elements).toEqual([
      { name: 'Gateway', paths: ['gateway/', 'shared/http/*.go'], line: 3, description: 'Routes requests.' },
      { name: 'Worker', paths: ['worker/'], line: 7, description: 'Runs jobs in the background.' },
      { name: 'Scheduler', paths: ['cron/', 'timers'], line: 14 },
    ]);
  });

  it('ignores Code lines inside fenced code', () => {
    const { view } = parseView('v.md', lines('# Module View', '## Element Catalog', '### A', '```', 'Code: `nope/`', '```', 'Code: `yes/`'));
    expect(view?.elements).toEqual([{ name: 'A', paths: ['yes/'], line: 3 }]);
  });
});

describe('problems', () => {
  it("reports 'empty-view' when a view has no element catalog", () => {
    const { view, problems } = parseView('v.md', lines('# Module View', '', 'Just prose.'));
    expect(view?.elements).toEqual([]);
    expect(problems.map((p) => [p.code, p.severity, p.line])).toEqual([['empty-view', 'information', 1]]);
  });

  it("reports 'empty-view' on the catalog heading when the catalog maps nothing", () => {
    const { problems } = parseView('v.md', lines('# Module View', '## Element Catalog', 'TBD'));
    expect(problems.map((p) => [p.code, p.line])).toEqual([['empty-view', 2]]);
  });

  it("reports 'bad-front-matter' for a view whose YAML is broken, still reading the kind", () => {
    const { view, problems } = parseView('v.md', lines('---', 'view: deployment', 'title: [broken', '---', '## Element Catalog', '| Node | Path |', '|-|-|', '| db | `db/` |'));
    expect(view).toMatchObject({ kind: 'deployment', title: 'v', elements: [{ name: 'db', paths: ['db/'], line: 8 }] });
    expect(problems.map((p) => [p.code, p.line])).toEqual([['bad-front-matter', 3]]);
  });

  it('says nothing about broken front matter in documents that are not views', () => {
    expect(parseView('README.md', lines('---', 'title: [broken', '---', '# Readme'))).toEqual({ problems: [] });
  });
});

describe('hostile input', () => {
  it('handles CRLF and a BOM with the same lines', () => {
    const text = '\uFEFF---\r\nview: module\r\n---\r\n# Modules\r\n## Element Catalog\r\n| Module | Code |\r\n|-|-|\r\n| A | `a/`<br>`b/` |\r\n';
    const { view } = parseView('v.md', text);
    expect(view).toMatchObject({ kind: 'module', line: 4, sections: [{ name: 'Element Catalog', line: 5 }] });
    expect(view?.elements).toEqual([{ name: 'A', paths: ['a/', 'b/'], line: 8 }]);
  });

  it('does not throw on odd input', () => {
    for (const text of ['', '---', '---\n---', '# View', '\u0000 View', '# Module View\n|', '---\nview: [x\n---\n', '---\nview:\n---\n# Text']) {
      expect(() => parseView('v.md', text)).not.toThrow();
    }
  });

  it('reads a catalog of 10,000 elements', () => {
    const parts = ['# Module View', '## Element Catalog', '| Module | Code |', '|-|-|'];
    for (let i = 0; i < 10_000; i++) parts.push(`| m${i} | \`src/m${i}/\`, \`lib/m${i}.ts\` |`);
    const { view } = parseView('v.md', parts.join('\n'));
    expect(view?.elements).toHaveLength(10_000);
    expect(view?.elements[9_999]).toEqual({ name: 'm9999', paths: ['src/m9999/', 'lib/m9999.ts'], line: 5 + 9_999 });
  });
});
