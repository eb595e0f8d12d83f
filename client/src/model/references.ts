// The text inserted for a decision or a glossary term: a bare `ADR-0007` in code (the form the server links),
// a relative markdown link in markdown.
import { posix } from 'node:path';

export interface InsertableDecision {
  /** `ADR-0007`, as the server writes it; absent for a decision without a number. */
  reference?: string;
  title: string;
  path: string;
}

export function decisionReferenceText(d: InsertableDecision, target: { languageId: string; path?: string }): string {
  const id = d.reference;
  if (target.languageId === 'markdown' || target.languageId === 'mdx') {
    const href = target.path !== undefined ? posix.relative(posix.dirname(target.path), d.path) || posix.basename(d.path) : d.path;
    // Brackets in a title would end the link text early.
    const text = id ?? d.title.replace(/[[\]]/g, '');
    return `[${text}](${href.replace(/ /g, '%20')})`;
  }
  // A decision without a number is cited by its path, which the server also resolves: `@adr docs/adr/x.md` is
  // workspace-relative, a bare name would be a sibling of the citing file, so a root file gets a leading `/`.
  return id ?? `@adr ${d.path.includes('/') ? d.path : `/${d.path}`}`;
}
