// The work an edit costs, counted rather than timed: after a decision's title edit, a new link into code or typing
// in code, the stale and missing-code findings are brought up to date by checking only the documents that changed
// (one decision, one document, none), the same count whether the workspace holds 10 decisions or 200, and the
// findings are those a computation from scratch gives. Likewise the diagnostics: the paths some rule has findings
// for are decided again only for the paths an edit touched (the edited file, the files citing a changed decision),
// the citation index reads only the changed record, and the result equals a computation from every record.
import { describe, expect, it } from 'vitest';
import type { LiveGitHistory } from '../../server/src/adapters/gitHistory';
import { findMissingCode, findStaleDocumentation, type DocumentLinkTarget } from '../../server/src/core/staleness';
import { isMarkdownPath } from '../../server/src/core/paths';
import { buildDecisionGraph, graphWork } from '../../server/src/core/decisionGraph';
import type { ParsedDecision } from '../../server/src/core/model';
import { invalidationWork } from '../../server/src/core/rules/invalidation';
import { folderDiagnostics, lastDiagnosed, pathsWithFindings } from '../../server/src/session/folderDiagnostics';
import type { FolderSession } from '../../server/src/session/folderSession';
import { FIXED_NOW, memoryFolder, staleHistory } from './memory';

function madr(n: number, title: string): string {
  const id = String(n).padStart(4, '0');
  return `---\nstatus: accepted\ngoverns:\n  - src/m${n}/**\n  - src/gone${n}/**\n---\n\n# ADR-${id} ${title}\n\nWe decided.\n`;
}

function workspace(decisions: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= decisions; n++) {
    const id = String(n).padStart(4, '0');
    files[`docs/adr/${id}-decision-${n}.md`] = madr(n, `Decision ${n}`);
    files[`src/m${n}/code.py`] = `# ADR-${id}\nx = ${n}\n`;
  }
  files['docs/guide.md'] = '# Guide\n\nSee [the code](../src/m1/code.py).\n';
  return files;
}

async function start(decisions: number) {
  const history = staleHistory();
  const { folder, workspace: files } = memoryFolder('file:///memory/work', workspace(decisions), { trusted: true, openHistory: async () => history });
  await folder.startIndex({});
  await folder.readHistory();
  return { folder, history, files };
}

/** The findings computed from scratch for the folder's current snapshot. */
function fromScratch(folder: FolderSession, history: LiveGitHistory, dirty: ReadonlySet<string> = new Set()) {
  const s = folder.snapshot;
  const links: DocumentLinkTarget[] = [];
  for (const path of [...s.recordPaths()].sort()) {
    const r = s.record(path)!;
    if (r.kind === 'text') continue;
    for (const l of r.links) if (!isMarkdownPath(l.path)) links.push({ docPath: path, line: l.range.start.line, target: l.path });
  }
  return {
    stale: findStaleDocumentation({ decisions: s.decisions, views: s.views, files: s.files, history, settings: s.settings.staleness, now: FIXED_NOW, dirty }),
    missing: findMissingCode({ decisions: s.decisions, views: s.views, files: s.files, links, history }),
  };
}

const messages = (f: { stale: readonly { message: string }[]; missing: readonly { message: string }[] }) => ({
  stale: f.stale.map((x) => x.message),
  missing: f.missing.map((x) => x.message),
});

describe('work per edit', () => {
  for (const size of [10, 200]) {
    it(`checks only the documents an edit changed, with ${size} decisions`, async () => {
      const { folder, history } = await start(size);
      const first = folder.findings();
      expect(first.stale).toHaveLength(size);
      expect(messages(first)).toEqual(messages(fromScratch(folder, history)));
      const tracker = folder.findingsTracker;

      // A title edit: one decision checked against history again, its finding names the new title.
      await folder.index.setOverlay('docs/adr/0002-decision-2.md', madr(2, 'Decision two, renamed'));
      const retitled = folder.findings();
      expect(tracker.checked).toBe(1);
      expect(retitled.stale.find((f) => f.docPath === 'docs/adr/0002-decision-2.md')?.message).toContain('Decision two, renamed');
      expect(messages(retitled)).toEqual(messages(fromScratch(folder, history)));

      // A new link into code that is not there: that one document is checked.
      await folder.index.setOverlay('docs/guide.md', '# Guide\n\nSee [the code](../src/m1/code.py) and [the old code](../src/old.py).\n');
      const linked = folder.findings();
      expect(tracker.checked).toBe(1);
      expect(linked.missing.map((f) => f.pattern)).toContain('src/old.py');
      expect(messages(linked)).toEqual(messages(fromScratch(folder, history)));

      // A governed file edited and not saved counts as changed now: the decision governing it is checked again.
      folder.unsaved.add('src/m2/code.py');
      const unsaved = folder.findings();
      expect(tracker.checked).toBe(1);
      expect(unsaved.stale.find((f) => f.docPath === 'docs/adr/0002-decision-2.md')?.message).toContain('uncommitted changes to src/m2/code.py');
      expect(messages(unsaved)).toEqual(messages(fromScratch(folder, history, folder.unsaved)));
      folder.unsaved.delete('src/m2/code.py');
      expect(messages(folder.findings())).toEqual(messages(fromScratch(folder, history)));
      expect(tracker.checked).toBe(1);

      // Typing in code changes no document: nothing is checked and the findings are the same object. The index
      // says which records changed since an earlier snapshot, so links are not looked for in every record either.
      const before = folder.snapshot;
      const beforeTyping = folder.findings();
      await folder.index.setOverlay('src/m3/code.py', '# ADR-0003\nx = 33\n');
      expect(folder.snapshot.changedSince(before)).toEqual(['src/m3/code.py']);
      expect(folder.findings()).toBe(beforeTyping);
      expect(tracker.checked).toBe(0);
    });
  }
});

describe('diagnostics work per edit', () => {
  const counts: Record<number, { decided: number; diagnosed: string[]; visited: number }[]> = {};
  for (const size of [10, 200]) {
    it(`decides again only the touched paths and reads only the changed record, with ${size} decisions`, async () => {
      const { folder, files } = await start(size);
      await folderDiagnostics(folder);
      // The citation index is built from every record once, on first use; from then on it follows the changes.
      expect(folder.snapshot.citations().visited).toBe(size * 2 + 1);
      const steps: { decided: number; diagnosed: string[]; visited: number }[] = [];
      const step = async (path: string, text: string) => {
        files.files.set(path, text);
        await folder.index.applyChanges([{ path }]);
        const results = await folderDiagnostics(folder);
        steps.push({ decided: folder.diagnosticsCache.decided, diagnosed: [...lastDiagnosed(folder)].sort(), visited: folder.snapshot.citations().visited });
        // The paths kept up to date from change to change are those a walk of every record gives.
        expect(results.map((r) => r.path).sort()).toEqual([...pathsWithFindings(folder)].sort());
        return results;
      };
      // A title edit: the decision and the code file citing it.
      const retitled = await step('docs/adr/0002-decision-2.md', madr(2, 'Decision two, renamed'));
      expect(steps[0].diagnosed).toEqual(['docs/adr/0002-decision-2.md']);
      expect(retitled.find((r) => r.path === 'docs/adr/0002-decision-2.md')?.diagnostics.map((d) => d.message).join('\n')).toContain('Decision two, renamed');
      // A code file now citing a decision that does not exist: that file joins the paths with findings.
      const cited = await step('src/m3/code.py', '# ADR-0003 and ADR-9999\nx = 3\n');
      expect(cited.find((r) => r.path === 'src/m3/code.py')?.diagnostics.map((d) => d.code)).toContain('unknown-decision');
      // And leaves them again.
      const back = await step('src/m3/code.py', '# ADR-0003\nx = 3\n');
      expect(back.find((r) => r.path === 'src/m3/code.py')).toBeUndefined();
      expect(steps.map((s) => s.visited)).toEqual([1, 1, 1]);
      counts[size] = steps;
    });
  }

  it('costs the same with 10 decisions and with 200', () => {
    expect(counts[200].map((s) => [s.decided, s.diagnosed.length])).toEqual(counts[10].map((s) => [s.decided, s.diagnosed.length]));
  });
});

describe('decision graph work per edit', () => {
  /** The graph of the folder's records built from scratch, as the snapshot's graph must be. */
  const rebuilt = (folder: FolderSession) => {
    const s = folder.snapshot;
    const parsed = [...s.recordPaths()].map((p) => s.record(p)?.decision).filter((d): d is ParsedDecision => d !== undefined);
    const graph = buildDecisionGraph(parsed);
    return { decisions: JSON.stringify(graph.decisions), problems: JSON.stringify(graph.problems) };
  };
  const ofSnapshot = (folder: FolderSession) => ({ decisions: JSON.stringify(folder.snapshot.decisions), problems: JSON.stringify(folder.snapshot.decisionGraph.problems) });

  for (const size of [10, 200]) {
    it(`a title edit replaces one decision in the last graph, with ${size} decisions`, async () => {
      const { folder } = await start(size);
      await folderDiagnostics(folder);
      folder.findings();
      const work = { graph: graphWork.decisions, compared: invalidationWork.compared };
      await folder.index.setOverlay('docs/adr/0002-decision-2.md', madr(2, 'Decision two, renamed'));
      expect(folder.snapshot.decision('docs/adr/0002-decision-2')?.title).toBe('Decision two, renamed');
      folder.findings();
      const results = await folderDiagnostics(folder);
      // One decision read by the graph, compared for invalidation, and keyed by the findings: not every decision.
      expect(graphWork.decisions - work.graph).toBe(1);
      expect(invalidationWork.compared - work.compared).toBe(1);
      expect(folder.findingsTracker.keyed).toBe(1);
      expect(ofSnapshot(folder)).toEqual(rebuilt(folder));
      expect(results.find((r) => r.path === 'src/m2/code.py')?.diagnostics ?? []).toEqual([]);

      // An edit that changes an edge (a relation) builds the graph again, and it is the graph a rebuild gives.
      const before = graphWork.decisions;
      const superseding = madr(3, 'Decision 3').replace('status: accepted\n', 'status: accepted\nsupersedes: 1\n');
      await folder.index.setOverlay('docs/adr/0003-decision-3.md', superseding);
      expect(folder.snapshot.decision('docs/adr/0001-decision-1')?.supersededBy).toEqual(['docs/adr/0003-decision-3']);
      expect(graphWork.decisions - before).toBeGreaterThanOrEqual(size);
      expect(ofSnapshot(folder)).toEqual(rebuilt(folder));
    });
  }

  it('keeps no earlier graph alive through a run of title edits (each edit would otherwise hold one more)', async () => {
    const { folder } = await start(10);
    const first = folder.snapshot.decisionGraph;
    for (let i = 1; i <= 3; i++) await folder.index.setOverlay('docs/adr/0002-decision-2.md', madr(2, `Decision two, take ${i}`));
    const last = folder.snapshot.decisionGraph;
    expect(last.delta?.ids).toEqual(['docs/adr/0002-decision-2']);
    expect(last).not.toBe(first);
    expect(reaches(last, first)).toBe(false);
  });
});

/** Is `target` reachable from `from` through properties, array items and map or set entries (not weak references)? */
function reaches(from: unknown, target: object): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [from];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    if (v === target) return true;
    seen.add(v);
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}
