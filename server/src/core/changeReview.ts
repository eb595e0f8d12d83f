// Reviewing a change the way a merge request is reviewed: governed code changed in a range of commits while the
// documents that govern or describe it did not change in the same range.
import { decisionMessageLabel, isRetired } from './lifecycle';
import { compileCodePatterns, compileIgnoreGlobs } from './globs';
import type { ArchitectureView, Decision } from './model';
import type { StalenessSettings } from './staleness';

export interface UndocumentedChange {
  /** The changed governed file. */
  path: string;
  /** The document that should have changed with it. */
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
    for (const path of code) {
      if (path === docPath || !matches(path)) continue;
      out.push({ path, docPath, docLine, subject, message: `${path} changed, but ${subject} in ${docPath}, which documents it, did not change in this range` });
    }
  };
  for (const d of input.decisions) {
    if (isRetired(d)) continue;
    consider(d.path, d.governsLine ?? d.line, decisionMessageLabel(d), d.governs);
  }
  for (const v of input.views) {
    for (const e of v.elements) consider(v.path, e.line, `${v.title} › ${e.name}`, e.paths);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.docPath < b.docPath ? -1 : 1));
}

