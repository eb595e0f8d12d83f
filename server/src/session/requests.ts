// The custom requests of protocol.ts: the data behind the extension's trees, panels and authoring commands.
import { describeGuardrail, guardrailIndex, type Finding, type GuardrailEntry } from '../core/guardrails';
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { changesSince, documentBase, fileAtRevision } from '../adapters/gitDiff';
import { Budget, capQuery } from './budget';
import { explanationLines } from '../core/staleExplain';
import { decisionMessageLabel, formatDecisionId, padDecisionNumber } from '../core/lifecycle';
import { compileCodePatterns } from '../core/globs';
import { isGlob, normalizePattern } from '../core/paths';
import { DECISION_STATUSES, type Decision, type GlossaryTerm } from '../core/model';
import { decisionsAboutTerm } from './onboardingRequests';
import { planNewDecision } from '../core/newDecision';
import { toPlainText } from '../core/safeMarkdown';
import type { StaleFinding } from '../core/staleness';
import { dirname, textOfBytes } from '../core/text';
import { toLspRange } from '../features/context';
import { pathToUriInside } from './uris';
import { lowerBound } from '../core/sorted';
import type { FolderSession } from './folderSession';
import type {
  ChangesSinceParams,
  ChangesSinceResult,
  FileAtRevisionParams,
  FileAtRevisionResult,
  DecisionItem,
  DecisionsParams,
  ForFileParams,
  ForFileResult,
  GuardrailItem,
  NewDecisionParams,
  NewDecisionResult,
  RelatedDecision,
  SearchHitItem,
  SearchParams,
  StaleItem,
  TermItem,
  ViewItem,
} from '../protocol';

function termDecisions(f: FolderSession, t: GlossaryTerm): { decisions: RelatedDecision[]; moreDecisions: number } {
  const { decisions, more } = decisionsAboutTerm(f, t);
  return { decisions, moreDecisions: more };
}

export class CustomRequests {
  constructor(
    private readonly folders: () => FolderSession[],
    private readonly folderOf: (uri: string) => FolderSession | undefined,
    /** A file's text: an open document's, else the file's on disk. */
    private readonly readText: (folder: FolderSession, path: string) => Promise<string | undefined> = async (f, p) => {
      const bytes = await f.workspace.readFile(p);
      return bytes ? textOfBytes(bytes) : undefined;
    },
  ) {}

  /**
   * Reads what forbid-text guardrails look at (once per snapshot), so decisions and "For this file" list those
   * violations with the others. Call before {@link decisions} or {@link forFile}.
   */
  async loadGuardrailTexts(p: { folder?: string; uri?: string }): Promise<void> {
    const folders = p.uri !== undefined ? [this.folderOf(p.uri)].filter((f): f is FolderSession => f !== undefined) : this.selected(p.folder);
    await Promise.all(folders.map((f) => guardrailIndex(f.snapshot).loadTexts((path) => this.readText(f, path))));
  }

  private selected(folder?: string): FolderSession[] {
    const all = this.folders();
    return folder ? all.filter((f) => f.uri === folder) : all;
  }

  decisions(p: DecisionsParams): DecisionItem[] {
    return this.selected(p.folder).flatMap((f) => f.snapshot.decisions.map((d) => decisionItem(f, d)));
  }

  views(p: DecisionsParams): ViewItem[] {
    return this.selected(p.folder).flatMap((f) => {
      const s = f.snapshot;
      const files = new Set(s.files);
      const uriOf = f.featureContext().uriOf;
      return s.views.map((v) => ({
        title: v.title,
        kind: v.kind,
        uri: uriOf(v.path),
        line: v.line,
        elements: v.elements.map((e) => ({
          name: e.name,
          line: e.line,
          paths: e.paths.map((pattern) => {
            const literal = literalPath(pattern);
            // Literal paths are looked up in the sorted file list; only real globs scan it.
            const exists = files.has(literal) || hasFileBelow(s.files, literal) || (isGlob(literal) && globMatchesAny(pattern, s.files));
            return { pattern, uri: files.has(literal) || !isGlob(literal) ? pathToUriInside(f.uri, literal) : undefined, exists };
          }),
        })),
      }));
    });
  }

  glossary(p: DecisionsParams): TermItem[] {
    return this.selected(p.folder).flatMap((f) =>
      f.snapshot.terms.map((t) => ({
        term: t.term,
        aliases: t.aliases,
        definition: toPlainText(t.definition),
        avoid: t.avoid,
        uri: f.featureContext().uriOf(t.path),
        line: t.line,
        scope: t.scope,
        ...termDecisions(f, t),
      })),
    );
  }

  forFile(p: ForFileParams): ForFileResult {
    const folder = this.folderOf(p.uri);
    const path = folder?.pathOf(p.uri);
    if (!folder || path === undefined) return { governedBy: [], cites: [], elements: [], stale: [] };
    const s = folder.snapshot;
    const governedBy = s.governance.decisionsGoverning(path).map((d) => decisionItem(folder, d));
    const cited = new Map<string, Decision>();
    for (const r of s.referencesIn(path)) {
      const d = s.resolve(r, path);
      if (d) cited.set(d.id, d);
    }
    const uriOf = folder.featureContext().uriOf;
    const elements = s.governance
      .elementsDocumenting(path)
      .map(({ view, element }) => ({ view: view.title, viewUri: uriOf(view.path), element: element.name, line: element.line }));
    const stale = folder
      .findings()
      .stale.filter((f) => f.docPath === path || f.governedPaths.includes(path))
      .map((f) => staleItem(folder, f));
    const result: ForFileResult = { governedBy, cites: [...cited.values()].map((d) => decisionItem(folder, d)), elements, stale };
    const index = guardrailIndex(s);
    const applying = index.appliesTo(path);
    if (applying.length > 0) {
      result.guardrails = applying.map((c) => {
        const entry = index.entries.find((e) => e.decision.id === c.decision.id && e.guardrail === c.guardrail)!;
        const inFile = index.findingsOf(c.decision.id).filter((f) => f.path === path);
        return { decision: { id: c.decision.id, label: decisionMessageLabel(c.decision), uri: uriOf(c.decision.path) }, guardrail: guardrailItem(folder, entry, inFile) };
      });
    }
    return result;
  }

  stale(p: DecisionsParams): StaleItem[] {
    return this.selected(p.folder).flatMap((f) => f.findings().stale.map((x) => staleItem(f, x)));
  }

  /** Search, with the query capped and each folder searched in slices within the request's budget. */
  async search(p: SearchParams, budget: Budget = new Budget()): Promise<SearchHitItem[]> {
    const out: SearchHitItem[] = [];
    const query = capQuery(p.query);
    for (const f of this.selected(p.folder)) {
      if (budget.spent) break;
      const uriOf = f.featureContext().uriOf;
      const hits = await budget.run(f.snapshot.searchSteps(query, 100));
      out.push(...hits.map((h): SearchHitItem => {
        switch (h.kind) {
          case 'decision':
            return { kind: 'decision', label: decisionMessageLabel(h.decision), detail: [h.decision.status, h.decision.date, h.decision.tags.join(', ')].filter(Boolean).join(' · '), uri: uriOf(h.decision.path), line: h.decision.line, number: h.decision.number };
          case 'term':
            return { kind: 'term', label: h.term.term, detail: toPlainText(h.term.definition, { oneLine: true }), uri: uriOf(h.term.path), line: h.term.line };
          case 'view':
            return { kind: 'view', label: h.view.title, detail: h.view.kind, uri: uriOf(h.view.path), line: h.view.line };
          case 'element':
            return { kind: 'element', label: h.element.name, detail: `${h.view.title} · ${h.element.paths.join(', ')}`, uri: uriOf(h.view.path), line: h.element.line };
        }
      }));
    }
    return out;
  }

  async newDecision(p: NewDecisionParams, trusted: boolean, openText: (uri: string) => string | undefined): Promise<NewDecisionResult> {
    if (!trusted) throw new ResponseError(ErrorCodes.InvalidRequest, 'The workspace is not trusted: Archlens does not write files here.');
    const folder = p.folder ? this.folders().find((f) => f.uri === p.folder) : this.folders()[0];
    if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, 'No workspace folder is open.');
    if (!p.title?.trim()) throw new ResponseError(ErrorCodes.InvalidParams, 'A decision needs a title.');
    const s = folder.snapshot;
    const uriOf = folder.featureContext().uriOf;
    let supersededText: string | undefined;
    if (p.supersedes) {
      const old = s.decision(p.supersedes);
      if (!old) throw new ResponseError(ErrorCodes.InvalidParams, `No decision '${p.supersedes}'.`);
      supersededText = openText(uriOf(old.path)) ?? (await folder.workspace.readFile(old.path).then((b) => (b ? textOfBytes(b) : undefined)));
    }
    const plan = planNewDecision(s, { title: p.title, template: p.template, today: folder.now().toISOString().slice(0, 10), supersedes: p.supersedes, supersededText });
    // The last word on writes: the file must resolve inside the folder on disk.
    if (!folder.workspace.resolve(plan.path)) throw new ResponseError(ErrorCodes.InvalidRequest, `Archlens creates decisions only inside the workspace folder, not at ${plan.path}.`);
    const uri = uriOf(plan.path);
    const edit: WorkspaceEdit = {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: plan.content }] },
      ],
    };
    if (plan.supersededEdit) {
      const e: TextEdit = { range: toLspRange(plan.supersededEdit.range), newText: plan.supersededEdit.newText };
      edit.documentChanges!.push({ textDocument: { uri: uriOf(plan.supersededEdit.path), version: null }, edits: [e] });
    }
    return { uri, number: plan.number, reference: formatDecisionId(plan.number), edit };
  }

  async changesSince(p: ChangesSinceParams, trusted: boolean): Promise<ChangesSinceResult> {
    const folder = this.folderOf(p.docUri);
    const path = folder?.pathOf(p.docUri);
    if (!folder || !path) return { files: [], stat: '', diff: '' };
    const findings = folder.findings().stale.filter((f) => f.docPath === path || f.governedPaths.includes(path));
    const files = [...new Set(findings.flatMap((f) => f.governedPaths))].sort();
    const last = findings.find((f) => f.docLastChanged.hash) ?? findings[0];
    const base = last && trusted ? await documentBase(folder.root, last.docLastChanged) : undefined;
    const uriOf = folder.featureContext().uriOf;
    if (!trusted || !base || files.length === 0) return { base, files: files.map((x) => ({ uri: uriOf(x), path: x })), stat: '', diff: '' };
    const { stat, diff } = await changesSince(folder.root, base, files);
    const explanation = findings.flatMap((f) => {
      const e = folder.explainStale(f);
      return e ? explanationLines(e, Infinity) : [];
    });
    return { base, files: files.map((x) => ({ uri: uriOf(x), path: x })), stat, diff, explanation };
  }

  /** A workspace file's text at a commit; git never runs for an untrusted workspace or a base that is not a hash. */
  async fileAtRevision(p: FileAtRevisionParams, trusted: boolean): Promise<FileAtRevisionResult> {
    const folder = this.folderOf(p.uri);
    const path = folder?.pathOf(p.uri);
    if (!trusted || !folder || !path || typeof p.base !== 'string') return { text: '' };
    return { text: await fileAtRevision(folder.root, p.base, path) };
  }

}

/** A code path as written in a view, normalised as compileCodePatterns reads it, without the trailing slash. */
function literalPath(pattern: string): string {
  return normalizePattern(pattern).replace(/\/+$/, '');
}

/** Is there a file below a folder, in a sorted list of workspace paths? */
function hasFileBelow(sorted: readonly string[], dir: string): boolean {
  const prefix = `${dir}/`;
  const i = lowerBound(sorted, prefix);
  return i < sorted.length && sorted[i].startsWith(prefix);
}

function globMatchesAny(pattern: string, files: readonly string[]): boolean {
  const m = compileCodePatterns([pattern]);
  return files.some((f) => m(f));
}

function decisionItem(folder: FolderSession, d: Decision): DecisionItem {
  const s = folder.snapshot;
  const uriOf = folder.featureContext().uriOf;
  const related = (ids: string[]) =>
    ids.map((id) => s.decision(id)).filter((x): x is Decision => !!x).map((x) => ({ id: x.id, label: decisionMessageLabel(x), uri: uriOf(x.path) }));
  return {
    id: d.id,
    number: d.number,
    reference: d.number !== undefined ? formatDecisionId(d.number) : undefined,
    names: d.number !== undefined ? [d.id, String(d.number), padDecisionNumber(d.number), formatDecisionId(d.number), `ADR-${d.number}`] : [d.id],
    title: d.title,
    status: d.status,
    statusRank: d.status !== undefined ? DECISION_STATUSES.indexOf(d.status) : undefined,
    statusText: d.statusText,
    date: d.date,
    uri: uriOf(d.path),
    path: d.path,
    line: d.line,
    folder: dirname(d.path),
    tags: d.tags,
    deciders: d.deciders,
    supersedes: related(d.supersedes),
    supersededBy: related(d.supersededBy),
    amends: related(d.amends),
    amendedBy: related(d.amendedBy),
    governs: d.governs,
    globs: d.governs.filter(isGlob),
    summary: toPlainText(d.summary),
    ...guardrailItems(folder, d),
    ...(s.sourceOf(d.path) ? { source: s.sourceOf(d.path) } : {}),
  };
}

const GUARDRAIL_STATE = { enforce: 'enforced', would: 'proposed', retired: 'retired' } as const;

function guardrailItem(folder: FolderSession, entry: GuardrailEntry, violations: Finding[]): GuardrailItem {
  const uriOf = folder.featureContext().uriOf;
  return {
    label: describeGuardrail(entry.guardrail),
    state: entry.mode ? GUARDRAIL_STATE[entry.mode] : 'off',
    uri: uriOf(entry.decision.path),
    line: entry.guardrail.line,
    violations: violations
      .filter((f) => f.fix?.kind === 'open-decision' && f.fix.line === entry.guardrail.line)
      .map((f) => ({ uri: uriOf(f.path), path: f.path, line: f.range.start.line, message: f.message })),
  };
}

function guardrailItems(folder: FolderSession, d: Decision): { guardrails?: GuardrailItem[] } {
  const index = guardrailIndex(folder.snapshot);
  const entries = index.entries.filter((e) => e.decision.id === d.id);
  if (entries.length === 0) return {};
  const findings = index.findingsOf(d.id);
  return { guardrails: entries.map((e) => guardrailItem(folder, e, findings)) };
}

function staleItem(folder: FolderSession, f: StaleFinding): StaleItem {
  const uriOf = folder.featureContext().uriOf;
  return {
    docUri: uriOf(f.docPath),
    docLine: f.docLine,
    subject: f.subject.kind === 'decision' ? f.subject.title : `${f.subject.view} › ${f.subject.element}`,
    message: f.message,
    commitCount: f.commitCount,
    latest: f.latest,
    governedUris: f.governedPaths.map(uriOf),
    since: f.docLastChanged.hash,
  };
}
