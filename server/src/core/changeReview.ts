// Reviewing a change the way a merge request is reviewed: governed code changed in a range of commits while the
// documents that govern or describe it did not change in the same range.
import { compileIgnoreGlobs } from './globs';
import { GovernanceIndex } from './governance';
import { decisionMessageLabel } from './lifecycle';
import type { ArchitectureView, Decision } from './model';
import type { StalenessSettings } from './staleness';

export interface UndocumentedChange {
  /** The changed governed files, in the order of the change list. */
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
  /** The snapshot's governance index when there is one; otherwise one is built for the given documents. */
  governance?: GovernanceIndex;
}): UndocumentedChange[] {
  const changed = new Set(input.changed);
  const ignored = compileIgnoreGlobs(input.settings.ignore);
  const code = input.changed.filter((p) => !ignored(p));
  const governance = input.governance ?? new GovernanceIndex(input.decisions, input.views, []);
  // Which changed files each governing document (a decision, or a view element) documents.
  const touched = new Map<object, string[]>();
  const add = (key: object, path: string) => {
    const list = touched.get(key);
    if (list) list.push(path);
    else touched.set(key, [path]);
  };
  for (const path of code) {
    for (const d of governance.decisionsGoverning(path)) if (!changed.has(d.path)) add(d, path);
    for (const { view, element } of governance.elementsDocumenting(path)) if (!changed.has(view.path)) add(element, path);
  }
  const out: UndocumentedChange[] = [];
  const emit = (paths: string[] | undefined, docPath: string, docLine: number, subject: string) => {
    if (!paths) return;
    const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
    const files = paths.length === 1 ? `${shown} changed` : `${paths.length} files it documents changed (${shown})`;
    out.push({ paths, docPath, docLine, subject, message: `${subject} in ${docPath} did not change in this range, but ${files}` });
  };
  for (const d of input.decisions) emit(touched.get(d), d.path, d.governsLine ?? d.line, decisionMessageLabel(d));
  for (const v of input.views) for (const e of v.elements) emit(touched.get(e), v.path, e.line, `${v.title} › ${e.name}`);
  return out.sort((a, b) => (a.docPath < b.docPath ? -1 : a.docPath > b.docPath ? 1 : a.docLine - b.docLine));
}
