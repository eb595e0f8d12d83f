// An architecture tour for a newcomer, built from the index: where the overview is, each architecture view with its
// elements and the code they live in, the decisions in force that code cites most, the supersede chains that
// explain how the system got here, and the glossary terms used most. Every step and item points at a real file and
// line. Pure: the caller counts term uses (it reads the files); see countTermUses.
import { isMarkdownPath } from '../paths';
import { compileCodePatterns } from '../globs';
import type { GlossaryIndex } from '../glossaryIndex';
import type { Decision, GlossaryTerm } from '../model';
import type { IndexSnapshot } from '../snapshot';
import { labelOf } from '../graph/build';

export type TourStepKind = 'overview' | 'view' | 'decisions' | 'history' | 'glossary';

export interface TourItem {
  label: string;
  /** Plain text shown after the label (a count, a code path, a definition). */
  detail?: string;
  path: string;
  line: number;
}

export interface TourStep {
  id: string;
  kind: TourStepKind;
  title: string;
  /** One or two plain-text sentences: what this step shows and why it matters. */
  text: string;
  /** The file the step opens, and the line. */
  path: string;
  line: number;
  items: TourItem[];
}

export interface Tour {
  title: string;
  steps: TourStep[];
}

const TOP_DECISIONS = 5;
const TOP_TERMS = 10;
const MAX_ELEMENTS = 12;

/** Where a newcomer would start: the docs index, a SAD or architecture index, else the README. */
export function overviewPath(snapshot: Pick<IndexSnapshot, 'files' | 'views' | 'context'>): string | undefined {
  const has = new Set(snapshot.files);
  const docs = snapshot.context.docsDir.replace(/\/+$/, '') || 'docs';
  const viewFolders = [...new Set(snapshot.views.map((v) => v.path.slice(0, v.path.lastIndexOf('/') + 1)))];
  const candidates = [
    `${docs}/index.md`,
    `${docs}/README.md`,
    'docs/index.md',
    'docs/README.md',
    ...viewFolders.flatMap((f) => [`${f}index.md`, `${f}README.md`]),
    'ARCHITECTURE.md',
    'docs/ARCHITECTURE.md',
    'README.md',
  ];
  return candidates.find((p) => has.has(p));
}

/** How often each term (or one of its aliases) is used across the given texts, with each file's glossary scope. */
export function countTermUses(glossary: GlossaryIndex, files: Iterable<{ path: string; text: string }>): Map<GlossaryTerm, number> {
  const counts = new Map<GlossaryTerm, number>();
  for (const { path, text } of files) {
    const scoped = glossary.forPath(path);
    if (scoped.terms.length === 0) continue;
    for (const m of scoped.matcher.findAll(text)) {
      const term = scoped.terms[m.id];
      if (term && term.path !== path) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  return counts;
}

export function buildTour(snapshot: IndexSnapshot, termUses: ReadonlyMap<GlossaryTerm, number> = new Map(), name = 'this architecture'): Tour {
  const steps: TourStep[] = [];
  const overview = overviewPath(snapshot);
  if (overview) {
    steps.push({
      id: 'overview',
      kind: 'overview',
      title: 'Start with the overview',
      text: 'The documentation roadmap: what the system is for, how its documentation is organised, and where to read next.',
      path: overview,
      line: 1,
      items: [],
    });
  }
  for (const view of snapshot.views) {
    const items: TourItem[] = view.elements.slice(0, MAX_ELEMENTS).map((e) => {
      const code = firstFile(snapshot.files, e.paths);
      return code
        ? { label: e.name, detail: e.paths.join(', '), path: code, line: 1 }
        : { label: e.name, detail: e.paths.length ? `${e.paths.join(', ')} (not found)` : 'no code path', path: view.path, line: e.line };
    });
    steps.push({
      id: `view:${view.path}`,
      kind: 'view',
      title: view.title,
      text: `A ${view.kind} view with ${count(view.elements.length, 'element')}; each element below opens the code that implements it.`,
      path: view.path,
      line: view.line,
      items,
    });
  }
  const inForce = snapshot.decisions
    .filter((d) => d.status === 'accepted')
    .map((d) => ({ d, cited: snapshot.citationsOf(d.id).filter((c) => !isMarkdownPath(c.path)).length }))
    .filter((x) => x.cited > 0)
    .sort((a, b) => b.cited - a.cited || compareNumbers(a.d, b.d))
    .slice(0, TOP_DECISIONS);
  if (inForce.length) {
    steps.push({
      id: 'decisions',
      kind: 'decisions',
      title: 'The decisions the code cites most',
      text: 'Accepted decisions in force, ordered by how many places in the code cite them: the ones you will meet first.',
      path: inForce[0].d.path,
      line: inForce[0].d.line,
      items: inForce.map(({ d, cited }) => ({ label: labelOf(d), detail: `cited ${count(cited, 'time')} from code`, path: d.path, line: d.line })),
    });
  }
  const chains = supersedeChains(snapshot);
  if (chains.length) {
    const newest = chains[0][chains[0].length - 1];
    steps.push({
      id: 'history',
      kind: 'history',
      title: 'How the system got here',
      text: 'Decisions that replaced earlier ones, oldest first: the reasons behind what looks odd today.',
      path: newest.path,
      line: newest.line,
      items: chains.map((chain) => {
        const last = chain[chain.length - 1];
        return { label: chain.map(labelOf).join(' → '), detail: last.status ?? last.statusText, path: last.path, line: last.line };
      }),
    });
  }
  const terms = [...termUses]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].term.localeCompare(b[0].term))
    .slice(0, TOP_TERMS);
  if (terms.length) {
    steps.push({
      id: 'glossary',
      kind: 'glossary',
      title: 'The words the team uses',
      text: `The ${count(terms.length, 'glossary term')} used most across the repository, with their definitions.`,
      path: terms[0][0].path,
      line: terms[0][0].line,
      items: terms.map(([t, n]) => ({ label: t.term, detail: `${count(n, 'use')}: ${firstSentence(t.definition)}`, path: t.path, line: t.line })),
    });
  }
  return { title: `A tour of ${name}`, steps };
}

/** Every supersede chain, oldest decision first; chains whose newest decision is in force come first. */
export function supersedeChains(snapshot: Pick<IndexSnapshot, 'decisions' | 'decision'>): Decision[][] {
  const chains: Decision[][] = [];
  for (const root of snapshot.decisions) {
    if (root.supersedes.length > 0 || root.supersededBy.length === 0) continue;
    const chain = [root];
    const seen = new Set([root.id]);
    let current = root;
    while (current.supersededBy.length) {
      const next = snapshot.decision(current.supersededBy[0]);
      if (!next || seen.has(next.id)) break;
      seen.add(next.id);
      chain.push(next);
      current = next;
    }
    if (chain.length > 1) chains.push(chain);
  }
  const inForce = (c: Decision[]) => (c[c.length - 1].status === 'accepted' ? 0 : 1);
  return chains.sort((a, b) => inForce(a) - inForce(b) || compareNumbers(a[0], b[0]));
}

function firstFile(files: readonly string[], patterns: readonly string[]): string | undefined {
  if (patterns.length === 0) return undefined;
  const matches = compileCodePatterns(patterns);
  return files.find(matches);
}

function firstSentence(s: string): string {
  const text = s.replace(/\s+/g, ' ').trim();
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end >= 0 ? text.slice(0, end + 1) : text;
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function compareNumbers(a: Decision, b: Decision): number {
  return (a.number ?? Infinity) - (b.number ?? Infinity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
