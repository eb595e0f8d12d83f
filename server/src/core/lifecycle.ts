// The lifecycle of a decision and how it is named: which statuses are retired, what replaced a decision, how its
// id is written (`ADR-0007`) and how it is labelled in menus and messages, and the words that state a relation.
// One module, so that the code lens, staleness, change review, diagnostics and completion agree.
import type { Decision, DecisionStatus, RelationKind } from './model';

/** Statuses in which a decision no longer stands: it governs no code, and its references to others are history. */
export const RETIRED_STATUSES: ReadonlySet<DecisionStatus> = new Set<DecisionStatus>(['superseded', 'deprecated', 'rejected']);

/** Is the decision's stated status a retired one? (A decision only superseded by a relation keeps its status.) */
export function isRetired(d: Pick<Decision, 'status'>): boolean {
  return d.status !== undefined && RETIRED_STATUSES.has(d.status);
}

/**
 * Should a citation of this decision point the reader elsewhere? True when it is superseded or deprecated, by its
 * status or because another decision supersedes it. A rejected decision never stood, so citing it is not outdated.
 */
export function isSuperseded(d: Pick<Decision, 'status' | 'supersededBy'>): boolean {
  return d.status === 'superseded' || d.status === 'deprecated' || d.supersededBy.length > 0;
}

/** No longer one to choose: retired by its status or superseded by another decision (sorted last in pickers). */
export function isOutdated(d: Pick<Decision, 'status' | 'supersededBy'>): boolean {
  return isRetired(d) || d.supersededBy.length > 0;
}

/** The decision that stands today in place of `d`: the end of its supersede chain (cycles stop where they close). */
export function successorOf(d: Decision, decision: (id: string) => Decision | undefined): Decision | undefined {
  let current: Decision | undefined;
  const visited = new Set([d.id]);
  let next = d.supersededBy.length > 0 ? decision(d.supersededBy[0]) : undefined;
  while (next && !visited.has(next.id)) {
    current = next;
    visited.add(next.id);
    next = next.supersededBy.length > 0 ? decision(next.supersededBy[0]) : undefined;
  }
  return current;
}

/** The number as it is written in an id: `7` -> `0007`. */
export function padDecisionNumber(n: number): string {
  return String(n).padStart(4, '0');
}

/** The reference form every front recognises: `7` -> `ADR-0007`. */
export function formatDecisionId(n: number): string {
  return `ADR-${padDecisionNumber(n)}`;
}

/** Replaces the number of an id (`ADR-0003`, `adr 3`, `@adr #3`), keeping its prefix, case and zero padding. */
export function replaceNumber(text: string, number: number): string {
  const m = /(\d+)(?!.*\d)/.exec(text);
  if (!m) return text;
  return text.slice(0, m.index) + padLike(m[1], number) + text.slice(m.index + m[1].length);
}

/** `0003` -> `0007`, `3` -> `7`; a run of 3+ digits is a padded convention even without a leading zero. */
export function padLike(digits: string, number: number): string {
  const padded = digits.length > 1 && (digits.startsWith('0') || digits.length >= 3);
  return padded ? String(number).padStart(digits.length, '0') : String(number);
}

/** "ADR-0007", or undefined when the decision has no number. */
export function decisionNumberLabel(d: Pick<Decision, 'number'>): string | undefined {
  return d.number !== undefined ? formatDecisionId(d.number) : undefined;
}

/** "ADR-0007 Use Kafka Connect", or the title alone when the decision has no number (menus, lenses, trees). */
export function decisionLabel(d: Pick<Decision, 'number' | 'title'>): string {
  return d.number !== undefined ? `${formatDecisionId(d.number)} ${d.title}` : d.title;
}

/** "ADR-0007 (Use Kafka Connect)" or "'Use Kafka Connect'": a decision inside a sentence of a message. */
export function decisionMessageLabel(d: Pick<Decision, 'number' | 'title'>): string {
  return d.number !== undefined ? `${formatDecisionId(d.number)} (${d.title})` : `'${d.title}'`;
}

/** `ADR-0007` for a numbered decision, else its title: the shortest name a reader recognises. */
export function decisionShortName(d: Pick<Decision, 'number' | 'title'>): string {
  return d.number !== undefined ? formatDecisionId(d.number) : d.title;
}

/** The status as shown: the normalised status, else the text the document wrote. */
export function decisionStatusText(d: Pick<Decision, 'status' | 'statusText'>): string | undefined {
  return d.status ?? (d.statusText ? d.statusText : undefined);
}

// ---------------------------------------------------------------------------------------------------------------
// Relations

/**
 * The words that state a relation, by their letters only in lower case ("Superseded by", `superseded-by:` and
 * `supersededBy:` are all `supersededby`), with adr-tools' and common misspellings.
 */
export const RELATION_KEYWORDS: Readonly<Record<string, RelationKind>> = {
  supersedes: 'supersedes',
  supercedes: 'supersedes',
  replaces: 'supersedes',
  supersededby: 'supersededBy',
  supercededby: 'supersededBy',
  superseededby: 'supersededBy',
  replacedby: 'supersededBy',
  amends: 'amends',
  amendedby: 'amendedBy',
};

/** The kind of a relation phrase or front-matter key such as "Superceded by", `replaces` or `amended_by`. */
export function relationKindOf(phrase: string): RelationKind | undefined {
  const key = phrase.toLowerCase().replace(/[^a-z]/g, '');
  return Object.prototype.hasOwnProperty.call(RELATION_KEYWORDS, key) ? RELATION_KEYWORDS[key] : undefined;
}

/** The same relation seen from the other decision. */
export const INVERSE_RELATION: Readonly<Record<RelationKind, RelationKind>> = {
  supersedes: 'supersededBy',
  supersededBy: 'supersedes',
  amends: 'amendedBy',
  amendedBy: 'amends',
};

/** How a relation reads at the start of a sentence: "Superseded by". */
export function relationLabel(kind: RelationKind): string {
  return { supersedes: 'Supersedes', supersededBy: 'Superseded by', amends: 'Amends', amendedBy: 'Amended by' }[kind];
}
