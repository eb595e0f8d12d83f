// Guardrail findings in the editor: a diagnostic on the exact range with the guardrail as related information, the
// decision card when hovering a violation, "Open decision" on it, and in a decision the guardrails its unchosen
// options suggest. The rule and the suggestions are the core's; this file converts.
import { CodeActionKind, CompletionItemKind, InsertTextFormat, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { GUARDRAIL_KINDS, GUARDRAIL_SCHEMAS, guardrailIndex, type Finding, type GuardrailKind } from '../core/guardrails';
import { parseGuardrails } from '../core/guardrails/parse';
import { addGuardrailsEdit, knownPackages, suggestGuardrails, type GuardrailSuggestion, type KnownPackages } from '../core/guardrails/suggest';
import { decisionShortName } from '../core/lifecycle';
import { readImports } from '../core/imports';
import { readManifest } from '../core/manifests';
import type { IndexSnapshot } from '../core/snapshot';
import { Commands } from '../protocol';
import { rangeContains, toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { decisionMarkdown } from './markdownText';

import { DIAGNOSTIC_SOURCE as SOURCE, type OpenDecisionData } from './diagnostics';


/** The guardrail findings in a document, from its current text (an open editor's, not the last saved one). */
export function guardrailFindings(ctx: FeatureContext, doc: FeatureDocument): Finding[] {
  const index = guardrailIndex(ctx.snapshot);
  if (index.isEmpty) return [];
  const applies = index.appliesTo(doc.path);
  const required = index.requireFindings().filter((f) => f.path === doc.path);
  if (applies.length === 0) return required;
  return index.findingsIn(doc.path, { dependencies: readManifest(doc.path, doc.text), imports: readImports(doc.path, doc.text), text: doc.text });
}

/** Hovering a violation shows the decision it breaks, with the finding on top. */
export function guardrailHover(ctx: FeatureContext, doc: FeatureDocument, position: Position): Hover | null {
  for (const f of guardrailFindings(ctx, doc)) {
    if (f.path !== doc.path || !rangeContains(f.range, position) || f.fix?.kind !== 'open-decision') continue;
    const decision = ctx.snapshot.decision(f.fix.decision);
    if (!decision) continue;
    return { contents: { kind: 'markdown', value: `**Guardrail**: ${escape(f.message)}\n\n---\n\n${decisionMarkdown(ctx, decision)}` }, range: toLspRange(f.range) };
  }
  return null;
}

/** "Open decision" on a guardrail diagnostic: the decision at the guardrail's line. */
export function guardrailActions(ctx: FeatureContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || d.code !== 'guardrail') continue;
    const data = d.data as Partial<OpenDecisionData> | undefined;
    const decision = typeof data?.decision === 'string' ? ctx.snapshot.decision(data.decision) : undefined;
    if (!decision) continue;
    const line = typeof data?.line === 'number' ? data.line : decision.line;
    out.push({
      title: `Open decision ${decisionShortName(decision)}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: 'Open decision', command: Commands.open, arguments: [ctx.uriOf(decision.path), line] },
    });
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>()#+!|]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Suggested guardrails

/** In a decision: "Add guardrail …" for each unchosen option that names a package the tree uses, and "all of them". */
export function suggestedGuardrailActions(ctx: FeatureContext, doc: FeatureDocument): CodeAction[] {
  const snapshot = ctx.snapshot;
  if (!snapshot.decisionAt(doc.path)) return [];
  const packages = snapshot.derived(packagesOf);
  const suggestions = suggestGuardrails(doc.text, parseGuardrails(doc.path, doc.text, snapshot.markdownOf(doc.path, doc.text).frontMatter).guardrails, packages);
  const action = (title: string, chosen: GuardrailSuggestion[]): CodeAction => {
    const edit = addGuardrailsEdit(doc.text, chosen);
    const range = { start: toLspPosition(doc, edit.start), end: toLspPosition(doc, edit.end) };
    return { title, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [doc.uri]: [{ range, newText: edit.newText }] } } };
  };
  const out = suggestions.map((s) => action(`Add guardrail: ${describe(s)} (option not chosen: "${s.option}")`, [s]));
  if (suggestions.length > 1) out.push(action(`Add all ${suggestions.length} suggested guardrails`, suggestions));
  return out;
}

function describe(s: GuardrailSuggestion): string {
  const [[kind, value]] = Object.entries(s.entry) as [string, unknown][];
  const v = value as { name?: string; module?: string } | string;
  return `${kind} ${typeof v === 'string' ? v : (v.name ?? v.module)}`;
}

function toLspPosition(doc: FeatureDocument, offset: number): Position {
  const p = doc.lines.positionAt(offset);
  return { line: p.line - 1, character: p.character };
}

// ---------------------------------------------------------------------------------------------------------------
// Completion of `guardrails:` entries in a decision's front matter, from the kinds' schemas

const SNIPPETS: Record<GuardrailKind, string> = {
  'forbid-dependency': 'forbid-dependency: ${1:package}',
  'forbid-import': 'forbid-import: { from: "${1:src/**}", module: ${2:module} }',
  'forbid-text': 'forbid-text: { in: "${1:src/**}", text: "${2:text}" }',
  'require-file': 'require-file: "${1:path}"',
  'adopt-dependency': 'adopt-dependency: ${1:package}',
};

/** The typed part of a kind when the cursor is on a `- ` item of the top-level `guardrails:` list, else undefined. */
export function guardrailKindPartial(doc: FeatureDocument, line: number, before: string): string | undefined {
  const item = /^[ \t]*-[ \t]+([a-z-]*)$/.exec(before);
  if (!item) return undefined;
  for (let l = line - 1; l >= 2; l--) {
    const text = doc.lines.lineText(l);
    if (/^[^\s#-]/.test(text)) return /^guardrails[ \t]*:/.test(text) ? item[1] : undefined;
  }
  return undefined;
}

export function guardrailKindItems(range: Range): CompletionItem[] {
  return GUARDRAIL_KINDS.map((kind, i) => ({
    label: kind,
    kind: CompletionItemKind.Property,
    detail: 'guardrail',
    documentation: { kind: 'markdown', value: GUARDRAIL_SCHEMAS[kind].description },
    sortText: String(i),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: SNIPPETS[kind] },
  }));
}

/** The packages the tree declares or imports, once per snapshot. */
function packagesOf(snapshot: IndexSnapshot): KnownPackages {
  return knownPackages([...snapshot.recordPaths()].map((p) => snapshot.record(p)!));
}
