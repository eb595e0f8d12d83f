// What a rule says about the workspace: a finding. Every rule of the core returns findings; the language server
// turns them into diagnostics and code actions, and `archlens check` prints them, each in one place. Findings
// follow the core's conventions (workspace-relative paths, 1-based lines, 0-based UTF-16 characters).
import type { Severity, TextRange } from './model';
import type { ProblemCode } from './problems';

/** Another place a finding concerns (the stale document of a governed file, the decision that replaced one). */
export interface RelatedLocation {
  path: string;
  /** 1-based. */
  line: number;
  message: string;
}

/** What a quick fix needs to know, beyond the finding's own place. */
export type FindingFix =
  /** Cite `successor` instead of the superseded `decision` (both decision ids). */
  | { kind: 'cite-successor'; decision: string; successor?: string }
  /** Write the glossary's preferred term instead of the avoided word. */
  | { kind: 'use-term'; term: string }
  /** Review the stale document (mark it reviewed, or show what changed since it last changed). */
  | { kind: 'review-document'; docPath: string }
  /** A path the document names is gone: rewrite it to where history saw it renamed, or remove it from governs. */
  | { kind: 'missing-path'; pattern: string; renamedTo?: string; list: 'governs' | 'element' | 'link' };

export interface Finding {
  /** The stable code users configure severities by (problems.ts). */
  code: ProblemCode;
  severity: Severity;
  path: string;
  range: TextRange;
  message: string;
  related?: RelatedLocation[];
  fix?: FindingFix;
  /** For stale documentation: the changed governed files, and when the document last changed or was reviewed. */
  changes?: { paths: readonly string[]; since: { date: string; hash?: string; reviewed?: boolean } };
}

/** Findings in reading order: by path, then position, then code. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.path, b.path) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compare(a.code, b.code) ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
