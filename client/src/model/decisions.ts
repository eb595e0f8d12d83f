// The Decisions tree as plain data: labels, groups (by status, tag or folder) with their counts, the fuzzy
// filter and each decision's children. Nothing here imports vscode, so all of it is unit-tested.
import Fuse from 'fuse.js';
import type { DecisionItem, GuardrailItem, RelatedDecision } from '../../../server/src/protocol';

export type GroupMode = 'status' | 'tag' | 'folder';
export const GROUP_MODES: readonly GroupMode[] = ['status', 'tag', 'folder'];

export interface DecisionGroup {
  /** Stable across refreshes, so expanded groups stay expanded. */
  key: string;
  /** "Accepted (10)". */
  label: string;
  name: string;
  decisions: DecisionItem[];
}

/** `ADR-0007 Use Kafka Connect` (the id as the server writes it); a decision without a number by its title alone. */
export function decisionLabel(d: Pick<DecisionItem, 'reference' | 'title'>): string {
  return d.reference !== undefined ? `${d.reference} ${d.title}` : d.title;
}

/** Numbered decisions first, by number; then by title. */
export function compareDecisions(a: DecisionItem, b: DecisionItem): number {
  const an = a.number ?? Number.POSITIVE_INFINITY;
  const bn = b.number ?? Number.POSITIVE_INFINITY;
  if (an !== bn) return an < bn ? -1 : 1;
  return a.title.localeCompare(b.title) || a.uri.localeCompare(b.uri);
}

const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function groupDecisions(decisions: readonly DecisionItem[], mode: GroupMode): DecisionGroup[] {
  const buckets = new Map<string, DecisionItem[]>();
  const add = (key: string, d: DecisionItem) => {
    const list = buckets.get(key);
    if (list) list.push(d);
    else buckets.set(key, [d]);
  };
  for (const d of decisions) {
    if (mode === 'status') add(d.status ?? '', d);
    else if (mode === 'folder') add(d.folder, d);
    else if (d.tags.length === 0) add('', d);
    else for (const tag of new Set(d.tags.map((t) => t.trim()).filter(Boolean))) add(tag, d);
  }
  let keys: string[];
  if (mode === 'status') {
    // The lifecycle order the server gives, then anything the server could not normalise.
    const rank = (key: string) => buckets.get(key)![0].statusRank ?? Number.POSITIVE_INFINITY;
    keys = [...[...buckets.keys()].filter((k) => k !== '').sort((a, b) => rank(a) - rank(b)), ...(buckets.has('') ? [''] : [])];
  } else {
    keys = [...buckets.keys()].filter((k) => k !== '').sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : 1));
    if (buckets.has('')) keys.push('');
  }
  return keys.map((key) => {
    const list = buckets.get(key)!.sort(compareDecisions);
    const name = groupName(mode, key);
    return { key: `${mode}:${key}`, name, label: `${name} (${list.length})`, decisions: list };
  });
}

function groupName(mode: GroupMode, key: string): string {
  if (mode === 'status') return key ? capitalise(key) : 'Other';
  if (mode === 'tag') return key || 'Untagged';
  return key || '(workspace root)';
}

/** Fuzzy match over title, number (`7`, `0007`, `ADR-0007`, `ADR-7`), id and tags, best first. */
export function filterDecisions(decisions: readonly DecisionItem[], query: string): DecisionItem[] {
  const q = query.trim();
  if (!q) return [...decisions];
  const entries = decisions.map((d) => ({
    d,
    title: d.title,
    ids: d.names,
    tags: d.tags,
  }));
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'title', weight: 2 },
      { name: 'ids', weight: 2 },
      { name: 'tags', weight: 1 },
    ],
    ignoreLocation: true,
    threshold: 0.35,
  });
  return fuse.search(q).map((r) => r.item.d);
}

export type DecisionChild =
  | { kind: 'relation'; relation: 'Supersedes' | 'Superseded by' | 'Amends' | 'Amended by'; label: string; uri: string }
  | { kind: 'governs'; pattern: string; isGlob: boolean }
  | { kind: 'guardrail'; label: string; description: string; uri: string; line: number; violations: number }
  | { kind: 'violation'; label: string; message: string; uri: string; line: number };

const GUARDRAIL_STATES: Record<GuardrailItem['state'], string> = {
  enforced: 'enforced',
  proposed: 'proposed: would violate',
  retired: 'flags its uses',
  off: 'not enforced',
};

/** "enforced · 2 violations", "not enforced", "proposed: would violate · no violations". */
export function guardrailDescription(g: GuardrailItem): string {
  if (g.state === 'off') return GUARDRAIL_STATES.off;
  const n = g.violations.length;
  return `${GUARDRAIL_STATES[g.state]} · ${n === 0 ? 'no violations' : n === 1 ? '1 violation' : `${n} violations`}`;
}

/** Each guardrail, followed by its current violations (`path:line`). */
export function guardrailChildren(guardrails: readonly GuardrailItem[] = []): DecisionChild[] {
  return guardrails.flatMap((g): DecisionChild[] => [
    { kind: 'guardrail', label: g.label, description: guardrailDescription(g), uri: g.uri, line: g.line, violations: g.violations.length },
    ...g.violations.map((v): DecisionChild => ({ kind: 'violation', label: `${v.path}:${v.line}`, message: v.message, uri: v.uri, line: v.line })),
  ]);
}

/** A decision's children: its supersede/amend relations, the paths it governs, then its guardrails and violations. */
export function decisionChildren(d: DecisionItem): DecisionChild[] {
  const rel = (relation: Extract<DecisionChild, { kind: 'relation' }>['relation'], list: RelatedDecision[]): DecisionChild[] =>
    list.map((r) => ({ kind: 'relation', relation, label: r.label, uri: r.uri }));
  return [
    ...rel('Supersedes', d.supersedes),
    ...rel('Superseded by', d.supersededBy),
    ...rel('Amends', d.amends),
    ...rel('Amended by', d.amendedBy),
    ...d.governs.map((pattern): DecisionChild => ({ kind: 'governs', pattern, isGlob: d.globs.includes(pattern) })),
    ...guardrailChildren(d.guardrails),
  ];
}

/** A codicon and a theme colour per status, so the tree reads at a glance. */
export function statusIcon(status: string | undefined): { icon: string; color?: string } {
  switch (status) {
    case 'accepted':
      return { icon: 'pass', color: 'testing.iconPassed' };
    case 'proposed':
      return { icon: 'circle-large-outline', color: 'charts.blue' };
    case 'superseded':
      return { icon: 'arrow-swap', color: 'disabledForeground' };
    case 'deprecated':
      return { icon: 'warning', color: 'list.warningForeground' };
    case 'rejected':
      return { icon: 'circle-slash', color: 'list.errorForeground' };
    case 'draft':
      return { icon: 'edit' };
    default:
      return { icon: 'question' };
  }
}

/** The tooltip: title line, status and date, tags, the source it comes from, then the summary. */
export function decisionTooltip(d: DecisionItem): string {
  const facts = [d.status ? capitalise(d.status) : d.statusText, d.date, d.tags.length ? `tags: ${d.tags.join(', ')}` : ''].filter(Boolean);
  const source = d.source ? `From source ${d.source} (read-only)` : '';
  return [decisionLabel(d), facts.join(' · '), source, d.summary].filter(Boolean).join('\n\n');
}

/** The text after a decision's label in the tree: the source it comes from, and its date (or an odd status). */
export function decisionDescription(d: DecisionItem): string | undefined {
  const text = [d.source, d.date ?? (d.status ? undefined : d.statusText)].filter(Boolean).join(' · ');
  return text || undefined;
}

/** Plain text on one line, for a picker's detail (a quick pick shows a line break as a ⏎ glyph). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
