// What a decision's title edit costs after the debounce, counted at two workspace sizes: the decision graph, the
// invalidation, the findings and their indexes, the guardrail index, the paths with findings and the publication
// must each do the same work with 40 decisions as with 400 (a count that grows with the workspace fails here),
// and what is published must equal the diagnostics computed from scratch.
import { describe, expect, it } from 'vitest';
import { graphWork } from '../../server/src/core/decisionGraph';
import { guardrailWork } from '../../server/src/core/guardrails';
import { layeredWork } from '../../server/src/core/layeredMap';
import { invalidationWork } from '../../server/src/core/rules/invalidation';
import { FolderFindings, findingsIndexWork } from '../../server/src/core/rules/staleDocumentation';
import { folderDiagnostics, folderDiagnosticsChanges, publicationWork, type FileDiagnostics } from '../../server/src/session/folderDiagnostics';
import type { FolderSession } from '../../server/src/session/folderSession';
import { glossaryParseWork } from '../../server/src/core/glossary/yamlEntries';
import { memoryFolder, staleHistory } from './memory';

/** A decision governing its own module (and a folder that is gone); every tenth forbids a dependency. */
function madr(n: number, title: string): string {
  const id = String(n).padStart(4, '0');
  const guardrail = n % 10 === 0 ? 'guardrails:\n  - forbid-dependency: { name: leftpad, ecosystem: npm, reason: "too small" }\n' : '';
  return `---\nstatus: accepted\ngoverns:\n  - src/m${n}/**\n  - src/gone${n}/**\n${guardrail}---\n\n# ADR-${id} ${title}\n\nWe decided.\n`;
}

function workspace(decisions: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= decisions; n++) {
    const id = String(n).padStart(4, '0');
    files[`docs/adr/${id}-decision-${n}.md`] = madr(n, `Decision ${n}`);
    files[`src/m${n}/code.py`] = `# ADR-${id} and ADR-9${id}\nx = ${n}\n`;
    files[`src/m${n}/package.json`] = n % 10 === 1 ? '{ "dependencies": { "leftpad": "1.0.0" } }\n' : '{}\n';
  }
  files['docs/guide.md'] = '# Guide\n\nSee ADR-0002 and [the code](../src/m1/code.py).\n';
  return files;
}

/** The publisher's side: applies each publication to what the editor would show. */
async function publish(folder: FolderSession, shown: Map<string, FileDiagnostics['diagnostics']>) {
  const { full, results, clear, acknowledge } = await folderDiagnosticsChanges(folder, [], () => undefined);
  if (full) shown.clear();
  for (const p of clear) shown.delete(p);
  for (const r of results) shown.set(r.path, r.diagnostics);
  acknowledge();
  return full;
}

const asShown = (results: readonly FileDiagnostics[]) => new Map(results.filter((r) => r.diagnostics.length > 0).map((r) => [r.path, r.diagnostics]));
const nonEmpty = (shown: Map<string, FileDiagnostics['diagnostics']>) => new Map([...shown].filter(([, d]) => d.length > 0));

type Work = Record<string, number>;

async function titleEdits(size: number): Promise<{ work: Work[]; stale: number }> {
  const history = staleHistory();
  const { folder, workspace: files } = memoryFolder('file:///memory/work', workspace(size), { trusted: true, openHistory: async () => history });
  await folder.startIndex({});
  await folder.readHistory();
  const shown = new Map<string, FileDiagnostics['diagnostics']>();
  expect(await publish(folder, shown)).toBe(true);
  const work: Work[] = [];
  for (let i = 1; i <= 4; i++) {
    const before = {
      graph: graphWork.decisions,
      compared: invalidationWork.compared,
      index: findingsIndexWork.written,
      copied: layeredWork.copied,
      built: guardrailWork.built,
      derived: guardrailWork.derived,
    };
    // Decisions 2 and 3 in turn (decision 2 is cited by the guide as well as by its code).
    const n = i % 2 ? 2 : 3;
    const path = `docs/adr/000${n}-decision-${n}.md`;
    files.files.set(path, madr(n, `Decision ${n}, take ${i}`));
    await folder.index.applyChanges([{ path }]);
    const full = await publish(folder, shown);
    const findings = folder.findings();
    work.push({
      full: full ? 1 : 0,
      graph: graphWork.decisions - before.graph,
      compared: invalidationWork.compared - before.compared,
      checked: folder.findingsTracker.checked,
      keyed: folder.findingsTracker.keyed,
      index: findingsIndexWork.written - before.index,
      copied: layeredWork.copied - before.copied,
      guardrailsBuilt: guardrailWork.built - before.built,
      guardrailsDerived: guardrailWork.derived - before.derived,
      decided: folder.diagnosticsCache.decided,
      diagnosed: folder.diagnosticsCache.diagnosed.length,
      listed: publicationWork.listed,
    });
    // What was published equals the diagnostics of every file computed from scratch, and the findings and their
    // indexes derived from the last ones equal those computed from every document.
    expect(nonEmpty(shown)).toEqual(asShown(await folderDiagnostics(folder)));
    const scratch = new FolderFindings([...findings.stale], [...findings.missing]);
    for (const f of [...findings.stale, ...findings.missing]) {
      expect(findings.staleIndex.byDoc.get(f.docPath)).toEqual(scratch.staleIndex.byDoc.get(f.docPath));
      expect(findings.missingIndex.get(f.docPath)).toEqual(scratch.missingIndex.get(f.docPath));
    }
    for (const f of findings.stale) for (const g of f.governedPaths) expect(findings.staleIndex.byGoverned.get(g)).toEqual(scratch.staleIndex.byGoverned.get(g));
    expect(findings.staleCount).toBe(findings.stale.length);
    expect(shown.get(path)?.map((d) => d.message).join('\n')).toContain(`Decision ${n}, take ${i}`);
  }
  return { work, stale: folder.findings().staleCount };
}

describe('a title edit at two workspace sizes', () => {
  it('does the same work with 40 decisions as with 400, and publishes what a computation from scratch gives', async () => {
    const small = await titleEdits(40);
    const large = await titleEdits(400);
    expect(small.stale).toBe(40);
    expect(large.stale).toBe(400);
    expect(large.work).toEqual(small.work);
    for (const w of large.work) {
      expect(w.full).toBe(0);
      expect(w.graph).toBe(1);
      expect(w.guardrailsBuilt).toBe(0);
    }
  });
});

/** A glossary edit that adds an avoided word one open document uses, at a workspace size. */
async function glossaryEdits(size: number): Promise<{ work: Work[]; rechecked: number }> {
  const texts = workspace(size);
  const glossary = (avoid: string) =>
    `terms:\n${Array.from({ length: size }, (_, i) => `  - name: term ${i}\n    definition: What term ${i} means.${i === 7 ? `\n    avoid: [${avoid}]` : ''}`).join('\n')}\n`;
  texts['glossary.yml'] = glossary('zzz');
  texts['docs/open.md'] = '# Open\n\nThe decided ledger.\n';
  const { folder, workspace: files } = memoryFolder('file:///memory/work', texts, { trusted: true });
  await folder.startIndex({});
  const open = (path: string) => (path === 'docs/open.md' ? { text: files.files.get(path) as string, languageId: 'markdown', version: 1 } : undefined);
  const shown = new Map<string, FileDiagnostics['diagnostics']>();
  const publishOpen = async () => {
    const { full, results, clear, acknowledge } = await folderDiagnosticsChanges(folder, ['docs/open.md'], open);
    if (full) shown.clear();
    for (const p of clear) shown.delete(p);
    for (const r of results) shown.set(r.path, r.diagnostics);
    acknowledge();
  };
  await publishOpen();
  const work: Work[] = [];
  for (const [i, avoid] of ['ledger', 'zzz', 'ledger', 'decided'].entries()) {
    files.files.set('glossary.yml', glossary(avoid));
    const parsed = { ...glossaryParseWork };
    await folder.index.applyChanges([{ path: 'glossary.yml' }]);
    const reads = files.reads;
    await publishOpen();
    // The open document shows the word at once; the others are searched by the pass after.
    const openWarnings = (shown.get('docs/open.md') ?? []).filter((d) => d.code === 'avoided-term').length;
    work.push({
      entriesParsed: i === 0 ? -1 : glossaryParseWork.entriesParsed - parsed.entriesParsed,
      wholeParses: i === 0 ? -1 : glossaryParseWork.wholeParses - parsed.wholeParses,
      reads: files.reads - reads,
      diagnosed: folder.diagnosticsCache.diagnosed.length,
      openWarnings,
    });
    // Every edit adds a word to avoid (`zzz` too, when it comes back): the other documents are searched next.
    expect(folder.diagnosticsCache.queueRechecks()).toBe(true);
    await publishOpen();
    expect(nonEmpty(shown)).toEqual(asShown(await folderDiagnostics(folder, ['docs/open.md'], open)));
  }
  return { work, rechecked: size };
}

describe('a glossary edit at two workspace sizes', () => {
  it('parses one entry and reads only the open document before publishing it, with 40 terms and documents as with 400', async () => {
    const small = await glossaryEdits(40);
    const large = await glossaryEdits(400);
    expect(large.work).toEqual(small.work);
    expect(large.work.map((w) => w.openWarnings)).toEqual([1, 0, 1, 1]);
    for (const w of large.work.slice(1)) {
      expect(w.entriesParsed).toBe(1);
      expect(w.wholeParses).toBe(0);
    }
    // At most the one document that held an avoided-word finding is read again before the open document is published.
    for (const w of large.work) expect(w.reads).toBeLessThanOrEqual(1);
  });
});
