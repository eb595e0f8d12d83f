// Guardrail findings in the editor: a diagnostic on the exact range with the guardrail as related information, the
// decision card when hovering a violation, and "Open decision" on it. The rule is the core's; this file converts.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Hover, type Position } from 'vscode-languageserver-types';
import { guardrailIndex, type Finding, type GuardrailFindingData } from '../core/guardrails';
import { readImports } from '../core/imports';
import { readManifest } from '../core/manifests';
import type { Severity } from '../core/model';
import { Commands } from '../protocol';
import { rangeContains, toLspRange, type FeatureContext, type FeatureDocument } from './context';
import { decisionMarkdown } from './markdownText';

const SOURCE = 'archlens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The guardrail findings in a document, from its current text (an open editor's, not the last saved one). */
export function guardrailFindings(ctx: FeatureContext, doc: FeatureDocument): Finding[] {
  const index = guardrailIndex(ctx.snapshot);
  if (index.isEmpty) return [];
  const applies = index.appliesTo(doc.path);
  const required = index.requireFindings().filter((f) => f.path === doc.path);
  if (applies.length === 0) return required;
  return index.findingsIn(doc.path, { dependencies: readManifest(doc.path, doc.text), imports: readImports(doc.path, doc.text), text: doc.text });
}

export function toDiagnostic(ctx: FeatureContext, f: Finding): Diagnostic {
  const d: Diagnostic = { range: toLspRange(f.range), severity: SEVERITY[f.severity], code: f.code, source: SOURCE, message: f.message };
  if (f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: ctx.uriOf(r.path), range: toLspRange(r.range) }, message: r.message }));
  }
  if (f.data) d.data = f.data;
  return d;
}

export function guardrailDiagnostics(ctx: FeatureContext, doc: FeatureDocument): Diagnostic[] {
  return guardrailFindings(ctx, doc).map((f) => toDiagnostic(ctx, f));
}

/** Hovering a violation shows the decision it breaks, with the finding on top. */
export function guardrailHover(ctx: FeatureContext, doc: FeatureDocument, position: Position): Hover | null {
  for (const f of guardrailFindings(ctx, doc)) {
    if (f.path !== doc.path || !rangeContains(f.range, position) || !f.data) continue;
    const decision = ctx.snapshot.decision(f.data.decision);
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
    const data = d.data as Partial<GuardrailFindingData> | undefined;
    const decision = typeof data?.decision === 'string' ? ctx.snapshot.decision(data.decision) : undefined;
    if (!decision) continue;
    const line = typeof data?.guardrailLine === 'number' ? data.guardrailLine : decision.line;
    out.push({
      title: `Open decision ${decision.number !== undefined ? `ADR-${String(decision.number).padStart(4, '0')}` : decision.title}`,
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
