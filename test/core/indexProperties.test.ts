// Property tests of the index with fast-check: random documents (decision records, glossaries, views, code, and
// the odd shapes repositories hold: broken YAML, alias bombs, stray backticks and HTML, NUL bytes, BOMs, CR line
// ends) and random sequences of file-system and editor changes never throw, and the incremental index always
// equals one rebuilt from scratch over the same files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchitectureIndex } from '../../server/src/core/archIndex';
import type { IndexSnapshot } from '../../server/src/core/snapshot';
import { MemoryWorkspace } from '../../server/src/core/workspace';

const PATHS = ['docs/adr/0001-a.md', 'docs/adr/0002-b.md', 'docs/adr/0003-c.md', 'docs/glossary.md', 'glossary.yml', 'docs/architecture/cc-view.md', 'src/app.py', 'records/0009-x.md'] as const;
const MARKERS = ['.adr-dir', '.archlens.yml'] as const;

const line = fc.constantFrom(
  '# 1. Use Kafka',
  '# ADR-0002: Offsets',
  '## Status',
  'Accepted',
  'Superseded by [2. Offsets](0002-b.md)',
  'Supersedes ADR-0003',
  'status: accepted',
  'status: [bad',
  'supersedes: ADR-0001',
  'a: &a [*a, *a, *a]',
  'b: &b [*a, *a, *a, *a]',
  '---',
  '```',
  'We use `Kafka',
  '- [docs](command:x) `',
  '<div>raw</div>',
  'see ADR-0001 and ADR-0009 and @adr 2',
  '| Element | Code |',
  '|---|---|',
  '| Sink | `src/` |',
  '## Element Catalog',
  'CDC',
  ': Change data capture.',
  'terms:',
  '  - name: CDC',
  '    definition: Change data capture.',
  '\u202eevil\u202c',
  'x'.repeat(300),
  '',
);
const separator = fc.constantFrom('\n', '\r\n', '\r');
const document = fc
  .tuple(fc.array(line, { maxLength: 14 }), separator, fc.constantFrom('', '\ufeff', '\u0000'))
  .map(([lines, sep, prefix]) => prefix + lines.join(sep));

type Op =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'delete'; path: string }
  | { kind: 'open'; path: string; text: string }
  | { kind: 'close'; path: string }
  | { kind: 'marker'; path: string; text?: string };

const path = fc.constantFrom(...PATHS);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), path, text: document }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
  // An editor's text is text: a NUL in it is not a binary file, so open documents carry none.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), path, text: document.map((t) => t.replace(/\u0000/g, '')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), path }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('marker' as const),
      path: fc.constantFrom(...MARKERS),
      text: fc.option(fc.constantFrom('records', '../../../tmp/x', 'decisions:\n  - records/*.md\n', 'a: &a [*a]\nb: [*a, *a]', ': [bad'), { nil: undefined }),
    }),
  },
);

function dump(s: IndexSnapshot) {
  return {
    json: s.toJSON(),
    files: s.files,
    refs: [...s.recordPaths()].sort().map((p) => [p, s.referencesIn(p)]),
  };
}

describe('index properties', () => {
  it('random edit sequences never throw, and the incremental index equals a rebuild', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const disk = new MemoryWorkspace({});
        const index = new ArchitectureIndex(disk);
        await index.rebuild();
        const open = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'write') {
            disk.files.set(o.path, o.text);
            if (!open.has(o.path)) await index.applyChanges([{ path: o.path }]);
          } else if (o.kind === 'delete') {
            disk.files.delete(o.path);
            if (!open.has(o.path)) await index.applyChanges([{ path: o.path, deleted: true }]);
          } else if (o.kind === 'open') {
            open.set(o.path, o.text);
            await index.setOverlay(o.path, o.text);
          } else if (o.kind === 'close') {
            if (open.delete(o.path)) await index.clearOverlay(o.path);
          } else if (o.text === undefined) {
            disk.files.delete(o.path);
            await index.applyChanges([{ path: o.path, deleted: true }]);
          } else {
            disk.files.set(o.path, o.text);
            await index.applyChanges([{ path: o.path }]);
          }
        }
        // What the editor and the disk hold now, read from scratch.
        const now = new MemoryWorkspace(Object.fromEntries(disk.files));
        for (const [p, text] of open) now.files.set(p, text);
        const rebuilt = await new ArchitectureIndex(now).rebuild();
        expect(dump(index.snapshot)).toEqual(dump(rebuilt));
      }),
      { numRuns: 60 },
    );
  });
});
