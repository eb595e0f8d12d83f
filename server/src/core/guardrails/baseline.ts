// Reviewing a change against its base: a guardrail violation the base revision already had is not the change's doing,
// so `archlens check --base` reports only the ones the range introduced. The base's findings are computed with the
// guardrails in force now, over the base's text of each file (under the name it had there) and the base's file
// list (for require-file), and taken away from today's findings one for one: a file that had one forbidden import
// and now has two reports one. Pure: the caller reads the base revision.
import { readImports } from '../imports';
import { readManifest } from '../manifests';
import type { Finding } from './rule';
import type { GuardrailIndex } from './index';

export interface BaseRevision {
  /** The files of the base revision, workspace-relative. */
  files: readonly string[];
  /** Where a file of today was at the base (its old name when the range renamed it); undefined when it was added. */
  pathAtBase(path: string): string | undefined;
  /** A file's text at the base, by its base path; undefined when it is unreadable there. */
  textAtBase(basePath: string): string | undefined;
}

/** Today's findings minus those the base revision already had; findings of other codes pass unchanged. */
export function introducedFindings(index: GuardrailIndex, findings: readonly Finding[], base: BaseRevision): Finding[] {
  const baseCounts = new Map<string, number>();
  const count = (key: string) => baseCounts.set(key, (baseCounts.get(key) ?? 0) + 1);
  const paths = new Set(findings.filter((f) => f.code === 'guardrail').map((f) => f.path));
  for (const path of paths) {
    const basePath = base.pathAtBase(path);
    const text = basePath === undefined ? undefined : base.textAtBase(basePath);
    if (basePath === undefined || text === undefined) continue;
    const facts = { dependencies: readManifest(basePath, text), imports: readImports(basePath, text), text };
    for (const f of index.fileFindingsAt(basePath, facts)) count(keyOf(path, f));
  }
  // Required files: a folder that lacked one at the base is not news either (reported on the decision, as today).
  for (const f of index.requireFindingsIn(base.files)) count(keyOf(f.path, f));
  const out: Finding[] = [];
  for (const f of findings) {
    const key = keyOf(f.path, f);
    const left = f.code === 'guardrail' ? (baseCounts.get(key) ?? 0) : 0;
    if (left > 0) baseCounts.set(key, left - 1);
    else out.push(f);
  }
  return out;
}

/** Lines move between revisions; what a violation is (its message names the rule, the subject and the place) does not. */
function keyOf(path: string, f: Finding): string {
  return `${path}\u0000${f.message}`;
}
