// The Glossary tree: terms A–Z, in letter groups once the glossary is too long to scroll.
import type { TermItem } from '../../../server/src/protocol';

export const LETTER_GROUP_THRESHOLD = 100;

export function sortTerms(terms: readonly TermItem[]): TermItem[] {
  return [...terms].sort((a, b) => a.term.localeCompare(b.term, undefined, { sensitivity: 'base' }) || a.uri.localeCompare(b.uri) || a.line - b.line);
}

export interface LetterGroup {
  letter: string;
  label: string;
  terms: TermItem[];
}

/** `A (12)`, `B (3)` …; terms that start with no letter go under `#`. */
export function letterGroups(terms: readonly TermItem[]): LetterGroup[] {
  const groups = new Map<string, TermItem[]>();
  for (const t of sortTerms(terms)) {
    const first = t.term.trim().normalize('NFKD')[0]?.toUpperCase() ?? '#';
    const letter = /\p{L}/u.test(first) ? first : '#';
    const list = groups.get(letter);
    if (list) list.push(t);
    else groups.set(letter, [t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([letter, list]) => ({ letter, label: `${letter} (${list.length})`, terms: list }));
}

/** Definition, aliases and words to avoid, as the tooltip shows them. */
export function termTooltip(t: TermItem): string {
  const extra = [t.aliases.length ? `Also: ${t.aliases.join(', ')}` : '', t.avoid.length ? `Avoid: ${t.avoid.join(', ')}` : ''].filter(Boolean);
  return [t.term, t.definition, ...extra].filter(Boolean).join('\n\n');
}
