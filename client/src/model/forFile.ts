// The "For this file" tree: sections for the decisions that govern or are cited by the active file, the view
// elements that document it, its stale documentation and the guardrails that apply to it. Empty sections are left
// out.
import type { DecisionItem, ForFileResult, StaleItem } from '../../../server/src/protocol';

export type ForFileSection =
  | { kind: 'decisions'; key: 'governedBy' | 'cites'; label: string; decisions: DecisionItem[] }
  | { kind: 'elements'; key: 'elements'; label: string; elements: ForFileResult['elements'] }
  | { kind: 'stale'; key: 'stale'; label: string; stale: StaleItem[] }
  | { kind: 'guardrails'; key: 'guardrails'; label: string; guardrails: NonNullable<ForFileResult['guardrails']> };

export function forFileSections(r: ForFileResult): ForFileSection[] {
  const out: ForFileSection[] = [];
  if (r.governedBy.length) out.push({ kind: 'decisions', key: 'governedBy', label: `Governed by (${r.governedBy.length})`, decisions: r.governedBy });
  // A decision that governs the file and is cited by it is listed once, under "Governed by".
  const governing = new Set(r.governedBy.map((d) => d.uri + '#' + d.id));
  const cites = r.cites.filter((d) => !governing.has(d.uri + '#' + d.id));
  if (cites.length) out.push({ kind: 'decisions', key: 'cites', label: `Cited here (${cites.length})`, decisions: cites });
  if (r.elements.length) out.push({ kind: 'elements', key: 'elements', label: `Documented in (${r.elements.length})`, elements: r.elements });
  if (r.stale.length) out.push({ kind: 'stale', key: 'stale', label: `Stale documentation (${r.stale.length})`, stale: r.stale });
  const guardrails = r.guardrails ?? [];
  if (guardrails.length) {
    const violations = guardrails.reduce((n, g) => n + g.guardrail.violations.length, 0);
    const count = violations ? `${guardrails.length}, ${violations} violated here` : `${guardrails.length}`;
    out.push({ kind: 'guardrails', key: 'guardrails', label: `Guardrails (${count})`, guardrails });
  }
  return out;
}

/** "2 commits since … · latest: abc1234 Fix x (2024-05-01)". */
export function staleDescription(s: StaleItem): string {
  const commits = `${s.commitCount} commit${s.commitCount === 1 ? '' : 's'}`;
  const latest = s.latest?.hash ? ` · latest ${s.latest.hash.slice(0, 7)} ${s.latest.subject} (${s.latest.date.slice(0, 10)})` : '';
  return `${commits}${latest}`;
}

/** The diff document of "Show changes": a header, the stat, then the unified diff. */
export function changesDocumentText(docPath: string, r: { base?: string; files: { path: string }[]; stat: string; diff: string }): string {
  const head = [`# Changes to the code documented by ${docPath}`];
  if (!r.base) {
    head.push('# No commit to compare with: the document has no git history here (history off, or never committed).');
  } else {
    head.push(`# since ${r.base.slice(0, 12)} (the document's last change or review), to the working tree`);
  }
  if (r.files.length) head.push(`# files: ${r.files.map((f) => f.path).join(', ')}`);
  const body = [r.stat.trimEnd(), r.diff.trimEnd()].filter(Boolean).join('\n\n');
  return `${head.join('\n')}\n\n${body || '# No changes.'}\n`;
}
