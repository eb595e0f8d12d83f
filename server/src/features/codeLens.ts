// Code lens at the top of a file: the decisions that govern it, the view elements that document it, and whether that
// documentation is stale. Lens commands only carry URIs and line numbers the server computed, never document text.
import type { CodeLens, Command, Range } from 'vscode-languageserver-types';
import type { ArchitectureView, Decision, ViewElement } from '../core/model';
import type { IndexSnapshot } from '../core/snapshot';
import type { StaleFinding } from '../core/staleness';
import { Commands } from '../protocol';
import { compileCodePatterns } from '../core/globs';
import type { FeatureContext, FeatureDocument } from './context';
import { staleIndexOf } from '../core/rules/staleDocumentation';
import { decisionLabel, decisionShortName, decisionStatusText, isRetired } from '../core/lifecycle';

type PathTest = (path: string) => boolean;

interface Governance {
  decisions: { decision: Decision; test: PathTest }[];
  elements: { view: ArchitectureView; element: ViewElement; test: PathTest }[];
}

/** Globs compiled once per snapshot (`snapshot.derived`): lenses are asked for on every open and scroll. */
function governanceOf(snapshot: IndexSnapshot): Governance {
  return snapshot.derived(compileGovernance);
}

function compileGovernance(snapshot: IndexSnapshot): Governance {
  const g: Governance = { decisions: [], elements: [] };
  for (const decision of snapshot.decisions) {
    if (decision.governs.length === 0 || isRetired(decision)) continue;
    g.decisions.push({ decision, test: compileCodePatterns(decision.governs) });
  }
  for (const view of snapshot.views) {
    for (const element of view.elements) if (element.paths.length > 0) g.elements.push({ view, element, test: compileCodePatterns(element.paths) });
  }
  return g;
}

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function codeLens(ctx: FeatureContext, doc: FeatureDocument): CodeLens[] {
  if (!ctx.settings.codeLens.enabled) return [];
  const lenses: CodeLens[] = [];
  const open = (title: string, path: string, line: number): Command => ({
    title,
    command: Commands.open,
    // [uri, 1-based line], as every line in protocol.ts (DecisionItem.line, ViewElementItem.line) is.
    arguments: [ctx.uriOf(path), Math.max(1, line)],
  });
  const g = governanceOf(ctx.snapshot);

  const governing = g.decisions.filter((x) => x.decision.path !== doc.path && x.test(doc.path)).map((x) => x.decision);
  governing.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || (a.path < b.path ? -1 : 1));
  governing.forEach((d, i) => {
    const status = decisionStatusText(d);
    const title = `${i === 0 ? 'Governed by ' : ''}${decisionLabel(d)}${status ? ` (${status})` : ''}`;
    lenses.push({ range: TOP, command: open(title, d.path, d.line) });
  });

  for (const { view, element, test } of g.elements) {
    if (view.path === doc.path || !test(doc.path)) continue;
    lenses.push({ range: TOP, command: open(`Documented in: ${view.title} › ${element.name}`, view.path, element.line) });
  }

  // Staleness needs git, which an untrusted workspace never runs; its lens would only open a diff it cannot make.
  if (ctx.trusted) {
    const stale = staleIndexOf(ctx.stale);
    const showChanges = (title: string, f: StaleFinding): Command => ({ title, command: Commands.showChanges, arguments: [ctx.uriOf(f.docPath)] });
    for (const f of stale.byGoverned.get(doc.path) ?? []) {
      lenses.push({ range: TOP, command: showChanges(`⚠ stale: ${changes(f)} since ${subjectName(ctx, f)} ${changedWord(f)}`, f) });
    }
    for (const f of stale.byDoc.get(doc.path) ?? []) {
      const line = Math.max(0, f.docLine - 1);
      const range: Range = { start: { line, character: 0 }, end: { line, character: 0 } };
      lenses.push({ range, command: showChanges(`⚠ stale: ${changes(f)} to ${f.globs.join(', ')} since this document ${changedWord(f)}`, f) });
    }
  }
  return lenses;
}

function changes(f: StaleFinding): string {
  if (f.commitCount === 0) return 'uncommitted changes';
  return f.commitCount === 1 ? '1 commit' : `${f.commitCount} commits`;
}

function changedWord(f: StaleFinding): string {
  return f.docLastChanged.reviewed ? 'was reviewed' : 'changed';
}

/** `ADR-0007` for a numbered decision, else its title; `View › element` for a view element. */
function subjectName(ctx: FeatureContext, f: StaleFinding): string {
  if (f.subject.kind === 'view-element') return `${f.subject.view} › ${f.subject.element}`;
  const d = ctx.snapshot.decision(f.subject.id);
  return d ? decisionShortName(d) : f.subject.title;
}
