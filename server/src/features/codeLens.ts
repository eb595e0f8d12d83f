// Code lens at the top of a file, at most three and most important first: stale documentation ("⚠ ADR-0007 is 4
// commits behind"), the decisions that govern the file ("Governed by ADR-0007, ADR-0011"), the views that document
// it ("Documented in 2 views"). VS Code draws the lenses of a line side by side, so each stays short enough for the
// whole line to fit an editor next to an open sidebar; a lens with several targets opens a picker. Lens commands
// carry only URIs, line numbers and plain-text labels the server made, never document text as a command.
import type { CodeLens, Command, Range } from 'vscode-languageserver-types';
import type { StaleFinding } from '../core/staleness';
import { Commands, type LensTarget } from '../protocol';
import type { FeatureContext, FeatureDocument } from './context';
import { staleIndexOf } from '../core/rules/staleDocumentation';
import { shortenAtWord } from '../core/text';
import { decisionLabel, decisionShortName, decisionStatusText } from '../core/lifecycle';

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The longest lens title. */
export const MAX_LENS_LENGTH = 44;
/**
 * Characters of lens text, separators included, that one line may hold: what an editor shows in a 1,280-pixel
 * window with the sidebar open (about 800 pixels of text at the default lens font). The last lens gets what remains.
 */
export const MAX_LENS_LINE = 110;
/** Decision ids named in the "Governed by" lens before "+N". */
const NAMED_DECISIONS = 2;

export function codeLens(ctx: FeatureContext, doc: FeatureDocument): CodeLens[] {
  if (!ctx.settings.codeLens.enabled) return [];
  const lenses: CodeLens[] = [];
  const governance = ctx.snapshot.governance;

  // Staleness needs git, which an untrusted workspace never runs; its lens would only open a diff it cannot make.
  if (ctx.trusted) {
    const stale = ctx.staleIndex?.() ?? staleIndexOf({ stale: ctx.stale, missing: [] });
    const onGoverned = stale.byGoverned.get(doc.path) ?? [];
    if (onGoverned.length > 0) lenses.push({ range: TOP, command: staleCommand(ctx, onGoverned) });
    for (const f of stale.byDoc.get(doc.path) ?? []) {
      const line = Math.max(0, f.docLine - 1);
      const range: Range = { start: { line, character: 0 }, end: { line, character: 0 } };
      const code = f.globs.length > 1 ? `${f.globs[0]} +${f.globs.length - 1}` : (f.globs[0] ?? 'its code');
      const title = fit(`⚠ ${behindText(f)} `, code);
      lenses.push({ range, command: { title, command: Commands.showChanges, arguments: [ctx.uriOf(f.docPath)] } });
    }
  }

  const governing = governance.decisionsGoverning(doc.path);
  if (governing.length > 0) {
    const names = governing.slice(0, NAMED_DECISIONS).map((d) => (d.number !== undefined ? decisionShortName(d) : shortenAtWord(d.title, 20)));
    const more = governing.length > NAMED_DECISIONS ? ` +${governing.length - NAMED_DECISIONS}` : '';
    const title = fit('Governed by ', names.join(', ') + more);
    const targets = governing.map((d): LensTarget => {
      const status = decisionStatusText(d);
      return { label: decisionLabel(d), description: status, uri: ctx.uriOf(d.path), line: Math.max(1, d.line), action: 'open' };
    });
    lenses.push({ range: TOP, command: targetsCommand(title, 'Decisions that govern this file', targets) });
  }

  const elements = governance.elementsDocumenting(doc.path);
  if (elements.length > 0) {
    const views = new Set(elements.map((x) => x.view.path));
    const used = lenses.filter((l) => l.range === TOP).reduce((n, l) => n + l.command!.title.length + 3, 0);
    const room = Math.min(MAX_LENS_LENGTH, MAX_LENS_LINE - used);
    const title = views.size === 1 ? fit('Documented in ', elements[0].view.title, room) : `Documented in ${views.size} views`;
    const targets = elements.map(({ view, element }): LensTarget => ({
      label: `${view.title} › ${element.name}`,
      uri: ctx.uriOf(view.path),
      line: Math.max(1, element.line),
      action: 'open',
    }));
    lenses.push({ range: TOP, command: targetsCommand(title, 'Views that document this file', targets) });
  }
  return lenses;
}

/** One lens for every stale document of a governed file: the document's name when there is one, else a count. */
function staleCommand(ctx: FeatureContext, findings: readonly StaleFinding[]): Command {
  if (findings.length === 1) {
    const f = findings[0];
    const behind = ` is ${behindText(f)}`;
    const title = `⚠ ${subjectName(ctx, f, Math.max(12, MAX_LENS_LENGTH - 2 - behind.length))}${behind}`;
    return { title, command: Commands.showChanges, arguments: [ctx.uriOf(f.docPath)] };
  }
  const targets = findings.map((f): LensTarget => ({
    label: `${subjectName(ctx, f, 60)} is ${behindText(f)}`,
    description: f.docLastChanged.reviewed ? 'since it was reviewed' : undefined,
    uri: ctx.uriOf(f.docPath),
    line: Math.max(1, f.docLine),
    action: 'showChanges',
  }));
  return targetsCommand(`⚠ ${findings.length} documents are behind`, 'Stale documentation of this file', targets);
}

/** Opens the only target directly; several open a picker. */
function targetsCommand(title: string, pickerTitle: string, targets: LensTarget[]): Command {
  if (targets.length === 1) {
    const [t] = targets;
    return t.action === 'open'
      ? { title, command: Commands.open, arguments: [t.uri, t.line] }
      : { title, command: Commands.showChanges, arguments: [t.uri] };
  }
  return { title, command: Commands.pickTarget, arguments: [pickerTitle, targets] };
}

/** `prefix` + `rest`, the rest shortened at a word boundary so the whole stays within `max` characters. */
function fit(prefix: string, rest: string, max = MAX_LENS_LENGTH): string {
  return prefix + shortenAtWord(rest, Math.max(8, max - prefix.length));
}

/** "4 commits behind", "1 commit behind", "behind uncommitted changes". */
function behindText(f: StaleFinding): string {
  if (f.commitCount === 0) return 'behind uncommitted changes';
  return f.commitCount === 1 ? '1 commit behind' : `${f.commitCount} commits behind`;
}

/** `ADR-0007` for a numbered decision, else its title; the view's title for a view element, shortened. */
function subjectName(ctx: FeatureContext, f: StaleFinding, max: number): string {
  if (f.subject.kind === 'view-element') return shortenAtWord(f.subject.view, max);
  const d = ctx.snapshot.decision(f.subject.id);
  if (d?.number !== undefined) return decisionShortName(d);
  return shortenAtWord(d?.title ?? f.subject.title, max);
}
