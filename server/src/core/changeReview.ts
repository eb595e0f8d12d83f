// Reviewing a change the way a merge request is reviewed: governed code changed in a range of commits while the
// documents that govern or describe it did not change in the same range.
import { decisionMessageLabel, isRetired } from './lifecycle';
import { compileCodePatterns, compileIgnoreGlobs } from './globs';
import type { ArchitectureView, Decision } from './model';
import type { StalenessSettings } from './staleness';

export interface UndocumentedChange {
  /** The changed governed files, sorted. */
  paths: string[];
  /** The document that should have changed with them: the finding sits on it, once. */
  docPath: string;
  docLine: number;
  subject: string;
  message: string;
}

export function findUndocumentedChanges(input: {
  decisions: readonly Decision[];
  views: readonly ArchitectureView[];
  /** Files changed in the range (workspace-relative). */
  changed: readonly string[];
  settings: Pick<StalenessSettings, 'ignore'>;
}): UndocumentedChange[] {
  const changed = new Set(input.changed);
  const ignored = compileIgnoreGlobs(input.settings.ignore);
  const code = input.changed.filter((p) => !ignored(p));
  const out: UndocumentedChange[] = [];
  const consider = (docPath: string, docLine: number, subject: string, patterns: readonly string[]) => {
    if (changed.has(docPath) || patterns.length === 0) return;
    const matches = compileCodePatterns(patterns);
    const paths = code.filter((path) => path !== docPath && matches(path));
    if (paths.length === 0) return;
    const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
    const files = paths.length === 1 ? `${shown} changed` : `${paths.length} files it documents changed (${shown})`;
    out.push({ paths, docPath, docLine, subject, message: `${subject} in ${docPath} did not change in this range, but ${files}` });
  };
  for (const d of input.decisions) {
    if (isRetired(d)) continue;
    consider(d.path, d.governsLine ?? d.line, decisionMessageLabel(d), d.governs);
  }
  for (const v of input.views) {
    for (const e of v.elements) consider(v.path, e.line, `${v.title} › ${e.name}`, e.paths);
  }
  return out.sort((a, b) => (a.docPath < b.docPath ? -1 : a.docPath > b.docPath ? 1 : a.docLine - b.docLine));
}

