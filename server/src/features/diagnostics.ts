// Diagnostics of one document: the core rule engine's findings (core/rules) as LSP diagnostics. This is the one
// place the language server converts findings: severities, 0-based lines, and the data its quick fixes read
// (codeActions.ts). The rules themselves, and the severities the settings give, are the core's.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../core/findings';
import type { Severity } from '../core/model';
import { checkDocument, ruleContext } from '../core/rules';
import type { FolderHistory } from '../core/rules';
import type { MissingCodeFinding } from '../core/staleness';
import { toLspRange, type FeatureContext, type FeatureDocument } from './context';

export const DIAGNOSTIC_SOURCE = 'archlens';

/** What a guardrail diagnostic carries for "Open decision": the decision and the guardrail's 1-based line. */
export interface OpenDecisionData {
  decision: string;
  line: number;
}

/** What a 'superseded-decision' diagnostic carries for its quick fix. */
export interface SupersededData {
  /** The cited decision. */
  decision: string;
  /** The decision that replaces it today (the end of the supersede chain), when known. */
  successor?: string;
}

/** What a 'stale-documentation' diagnostic carries for "Mark as reviewed" and "Show changes". */
export interface StaleData {
  docUri: string;
}

/** What a 'missing-code-path' diagnostic carries for its quick fixes: rewrite a renamed path, or remove it. */
export interface MissingCodeData {
  pattern: string;
  renamedTo?: string;
  kind: MissingCodeFinding['kind'];
}

/**
 * A context that may also carry findings of documentation pointing at code that is gone, or the folder's history
 * findings as one object (whose index by path is then built once for all documents, not once per document).
 */
export type DiagnosticsContext = FeatureContext & { missingCode?: readonly MissingCodeFinding[]; history?: FolderHistory };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostics(ctx: DiagnosticsContext, doc: FeatureDocument): Diagnostic[] {
  const rules = ruleContext(ctx.snapshot, ctx.history ?? { stale: ctx.stale, missing: ctx.missingCode ?? [] });
  return checkDocument(rules, doc).map((f) => toDiagnostic(f, ctx.uriOf));
}

/** A finding as the editor shows it; its fix becomes the data the quick fixes of codeActions.ts read. */
export function toDiagnostic(f: Finding, uriOf: (path: string) => string): Diagnostic {
  const d: Diagnostic = { range: toLspRange(f.range), severity: SEVERITY[f.severity], code: f.code, source: DIAGNOSTIC_SOURCE, message: f.message };
  switch (f.fix?.kind) {
    case 'cite-successor':
      d.data = (f.fix.successor ? { decision: f.fix.decision, successor: f.fix.successor } : { decision: f.fix.decision }) satisfies SupersededData;
      break;
    case 'use-term':
      d.data = f.fix.term;
      break;
    case 'review-document':
      d.data = { docUri: uriOf(f.fix.docPath) } satisfies StaleData;
      break;
    case 'missing-path':
      d.data = (f.fix.renamedTo !== undefined
        ? { pattern: f.fix.pattern, renamedTo: f.fix.renamedTo, kind: f.fix.list }
        : { pattern: f.fix.pattern, kind: f.fix.list }) satisfies MissingCodeData;
      break;
    case 'open-decision':
      d.data = { decision: f.fix.decision, line: f.fix.line } satisfies OpenDecisionData;
      break;
  }
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => {
      const at = { line: Math.max(0, r.line - 1), character: 0 };
      return { location: { uri: uriOf(r.path), range: { start: at, end: at } }, message: r.message };
    });
  }
  return d;
}
