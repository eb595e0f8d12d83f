// A decision edit in a monorepo whose packages number their decision logs separately: `ADR-0002` in a package's
// code resolves to that package's decision 2, so editing one package's decision touches the files whose references
// resolve to it (or to a decision it supersedes), not every file citing the number. Counted at two workspace sizes
// (the same work with 4 packages as with 40), and what is published is held to the diagnostics computed from
// scratch after each edit, also under random sequences of edits that move numbers, add and remove decisions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolutionWork } from '../../server/src/core/rules/invalidation';
import { folderDiagnostics, folderDiagnosticsChanges, type FileDiagnostics } from '../../server/src/session/folderDiagnostics';
import type { FolderSession } from '../../server/src/session/folderSession';
import { memoryFolder, type MemorySessionWorkspace } from './memory';

interface Shape {
  title: string;
  status: string;
  supersedes?: string;
}

function madr(n: number, d: Shape): string {
  const id = String(n).padStart(4, '0');
  return `---\nstatus: ${d.status}\n${d.supersedes ? `supersedes: ${d.supersedes}\n` : ''}---\n\n# ADR-${id} ${d.title}\n\nWe decided.\n`;
}

const decisionPath = (p: number, n: number) => `packages/p${p}/docs/adr/${String(n).padStart(4, '0')}-d${n}.md`;

/** Packages with decisions 1–4 each (4 supersedes 3), code citing 2 and 3, a guide, an index; a root overview. */
function workspace(packages: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let p = 0; p < packages; p++) {
    for (let n = 1; n <= 4; n++) {
      const shape: Shape = { title: `Decision ${n} of p${p}`, status: n === 3 ? 'superseded by 0004-d4' : 'accepted', supersedes: n === 4 ? '0003-d3' : undefined };
      files[decisionPath(p, n)] = madr(n, shape);
    }
    files[`packages/p${p}/src/a.py`] = '# ADR-0002 and ADR-0003\nx = 1\n';
    files[`packages/p${p}/src/b.py`] = '# ADR-0001\nx = 2\n';
    files[`packages/p${p}/docs/guide.md`] = '# Guide\n\nWe follow ADR-0002 and ADR-0009.\n';
    files[`packages/p${p}/docs/adr/README.md`] = `# Decisions\n\n${[1, 2, 3, 4].map((n) => `- ADR-000${n} ${n === 3 ? 'Superseded' : 'Accepted'}`).join('\n')}\n`;
  }
  files['docs/overview.md'] = '# Overview\n\nThe first package follows ADR-0002.\n';
  return files;
}

async function publish(folder: FolderSession, shown: Map<string, FileDiagnostics['diagnostics']>): Promise<void> {
  const { full, results, clear, acknowledge } = await folderDiagnosticsChanges(folder, [], () => undefined);
  if (full) shown.clear();
  for (const p of clear) shown.delete(p);
  for (const r of results) shown.set(r.path, r.diagnostics);
  acknowledge();
}

const nonEmpty = (shown: Map<string, FileDiagnostics['diagnostics']>) => new Map([...shown].filter(([, d]) => d.length > 0));

/** The diagnostics of a new session over the same files: nothing carried over from the edits before. */
async function fromScratch(files: MemorySessionWorkspace): Promise<Map<string, FileDiagnostics['diagnostics']>> {
  const { folder } = memoryFolder('file:///memory/work', Object.fromEntries(files.files) as Record<string, string>, { trusted: true });
  await folder.startIndex({});
  return new Map((await folderDiagnostics(folder)).filter((r) => r.diagnostics.length > 0).map((r) => [r.path, r.diagnostics]));
}

async function start(packages: number) {
  const { folder, workspace: files } = memoryFolder('file:///memory/work', workspace(packages), { trusted: true });
  await folder.startIndex({});
  const shown = new Map<string, FileDiagnostics['diagnostics']>();
  await publish(folder, shown);
  expect(nonEmpty(shown)).toEqual(await fromScratch(files));
  return { folder, files, shown };
}

async function titleEdits(packages: number): Promise<Record<string, number>[]> {
  const { folder, files, shown } = await start(packages);
  const work: Record<string, number>[] = [];
  const edits: [number, number, Shape][] = [
    [0, 2, { title: 'Decision 2, retitled', status: 'accepted' }],
    // The successor of decision 3: the code citing 3 names it.
    [1, 4, { title: 'Decision 4, retitled', status: 'accepted', supersedes: '0003-d3' }],
    [2, 2, { title: 'Decision 2 of p2', status: 'deprecated' }],
    [0, 2, { title: 'Decision 2 again', status: 'accepted' }],
  ];
  for (const [p, n, shape] of edits) {
    const path = decisionPath(p, n);
    files.files.set(path, madr(n, shape));
    const resolved = resolutionWork.resolved;
    await folder.index.applyChanges([{ path }]);
    await publish(folder, shown);
    work.push({ decided: folder.diagnosticsCache.decided, diagnosed: folder.diagnosticsCache.diagnosed.length });
    // References are resolved once per citing folder, not per citing file (each package's code is one folder).
    expect(resolutionWork.resolved - resolved).toBeLessThanOrEqual(3 * packages + 1);
    expect(nonEmpty(shown)).toEqual(await fromScratch(files));
  }
  // The superseded decision's citations name the retitled successor; the deprecated one is reported where cited.
  expect(shown.get('packages/p1/src/a.py')?.map((d) => d.message).join('\n')).toContain('Decision 4, retitled');
  expect(shown.get('packages/p2/src/a.py')?.map((d) => d.message).join('\n')).toContain('deprecated');
  return work;
}

describe('a decision edit in a monorepo that reuses decision numbers', () => {
  it('looks again only at the files whose references resolve to the edited decision, with 4 packages as with 40', async () => {
    const small = await titleEdits(4);
    const large = await titleEdits(40);
    expect(large).toEqual(small);
    // The edited file, its package's citing files and index; not the other packages' files citing the number.
    for (const w of large) expect(w.decided).toBeLessThan(10);
  });

  it('publishes what a computation from scratch gives under random edits, renumberings, additions and removals', async () => {
    type Edit = { kind: 'retitle' | 'status' | 'remove' | 'add' | 'supersede'; p: number; n: number; to: number; word: string };
    const edit = fc.record({
      kind: fc.constantFrom<Edit['kind']>('retitle', 'status', 'remove', 'add', 'supersede'),
      p: fc.integer({ min: 0, max: 2 }),
      n: fc.integer({ min: 1, max: 5 }),
      to: fc.integer({ min: 1, max: 5 }),
      word: fc.constantFrom('alpha', 'beta', 'gamma'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (sequence) => {
        const { folder, files, shown } = await start(3);
        for (const e of sequence) {
          const path = decisionPath(e.p, e.n);
          const changes: { path: string; deleted?: boolean }[] = [];
          if (e.kind === 'remove') {
            files.files.delete(path);
            changes.push({ path, deleted: true });
          } else if (e.kind === 'add') {
            // A second decision with the number `to`, in the same folder or the package's parent.
            const extra = e.n % 2 ? `packages/p${e.p}/docs/adr/000${e.to}-extra-${e.word}.md` : `packages/p${e.p}/docs/000${e.to}-extra-${e.word}.md`;
            files.files.set(extra, madr(e.to, { title: `Extra ${e.word}`, status: 'accepted' }));
            changes.push({ path: extra });
          } else {
            const shape: Shape =
              e.kind === 'retitle'
                ? { title: `Retitled ${e.word}`, status: 'accepted' }
                : e.kind === 'status'
                  ? { title: `Decision ${e.n}`, status: e.word === 'alpha' ? 'deprecated' : e.word === 'beta' ? 'superseded' : 'proposed' }
                  : { title: `Decision ${e.n}`, status: 'accepted', supersedes: `000${e.to}-d${e.to}` };
            files.files.set(path, madr(e.n, shape));
            changes.push({ path });
          }
          await folder.index.applyChanges(changes);
          await publish(folder, shown);
          expect(nonEmpty(shown)).toEqual(await fromScratch(files));
        }
      }),
      { numRuns: 40 },
    );
  });
});
