// Turns parsed decisions into resolved ones: ids, number aliases, relations resolved both ways, and the problems
// only visible across documents (duplicate numbers, dangling, one-sided or conflicting relations, cycles).
import type { Decision, GlossaryTerm, ParsedDecision, Problem, RelationKind, RelationRef } from './model';
import { decisionMessageLabel, INVERSE_RELATION, relationLabel } from './lifecycle';
import { LayeredMap, type Lookup as MapLookup } from './layeredMap';
import { stripMarkdownExtension } from './paths';
import { lowerBoundBy } from './sorted';
import { problem } from './problems';
import { basename, dirname } from './text';
import type { WhyIndex } from './why/rank';
import type { SegmentBuilder } from './why/segment';

export interface DecisionGraph {
  decisions: Decision[];
  byId: MapLookup<string, Decision>;
  byPath: MapLookup<string, Decision>;
  byNumber: MapLookup<number, Decision[]>;
  problems: Problem[];
  /** The why-index over these decisions and the terms it was built with: a lazily computed field (whyIndexOf). */
  why?: { terms: readonly GlossaryTerm[]; index: WhyIndex };
  /**
   * The why-index of an earlier graph, until this graph has its own: what its index is made from, so an edit reads
   * the decisions it changed rather than every decision (carryDerived).
   */
  whyBasis?: WhyIndex;
  /** The why-index's base while it is read in the background (prepareWhyIndex). */
  whyBuilding?: SegmentBuilder;
  /** The order the graph read ambiguous dates in (05/06/2023). */
  dateOrder?: 'day-first' | 'month-first';
  /**
   * Set when this graph is `previous` with the decisions of `ids` edited in place: what changed, without comparing
   * (see editedSince). `previous` is the earlier graph's identity, not the graph: graph after graph of edits must
   * not keep every earlier graph alive (nor may a WeakRef, which keeps its target until the task ends).
   */
  delta?: { previous: GraphIdentity; ids: readonly string[] };
  /** An empty object of this graph's own: what a later graph's delta names it by. */
  readonly identity: GraphIdentity;
}

/** A graph's identity: an object of its own, on which data derived from the graph can be left for the next one. */
export interface GraphIdentity {
  /** What the guardrail index of this graph's snapshots shares with the next graph's (core/guardrails). */
  guardrails?: unknown;
}

/** Decisions read by graph builds and updates: a title edit reads one, not every decision (tests count it). */
export const graphWork = { decisions: 0 };

/** A decision's id: its workspace-relative path without the markdown extension. Stable and unique. */
export function decisionId(path: string): string {
  return stripMarkdownExtension(path);
}

/**
 * Which number is the day in dates like 05/06/2023: the setting when given, else what the repository's own
 * unambiguous dates (23/06/2018) show, else day first.
 */
function repositoryDateOrder(parsed: readonly ParsedDecision[], forced?: 'day-first' | 'month-first'): 'day-first' | 'month-first' {
  if (forced) return forced;
  let dayFirst = 0;
  let monthFirst = 0;
  for (const p of parsed) {
    if (p.dateOrder === 'day-first') dayFirst++;
    else if (p.dateOrder === 'month-first') monthFirst++;
  }
  return monthFirst > dayFirst ? 'month-first' : 'day-first';
}

export function buildDecisionGraph(parsed: readonly ParsedDecision[], options: { dateOrder?: 'day-first' | 'month-first' } = {}): DecisionGraph {
  const problems: Problem[] = [];
  const order = repositoryDateOrder(parsed, options.dateOrder);
  graphWork.decisions += parsed.length;
  const decisions: Decision[] = parsed
    .map((p): Decision => ({
      id: decisionId(p.path),
      number: p.number,
      status: p.status,
      statusLine: p.statusLine,
      date: p.dateAmbiguous ? (order === 'day-first' ? p.dateAmbiguous.dayFirst : p.dateAmbiguous.monthFirst) : p.date,
      path: p.path,
      line: p.line,
      supersedes: [],
      supersededBy: [],
      amends: [],
      amendedBy: [],
      ...ownFields(p),
    }))
    .sort((a, b) => compare(a.path, b.path));

  const byId = new Map<string, Decision>();
  const byPath = new Map<string, Decision>();
  const byNumber = new Map<number, Decision[]>();
  const bySlug = new Map<string, Decision[]>();
  for (const d of decisions) {
    byId.set(d.id, d);
    byPath.set(d.path, d);
    if (d.number !== undefined) push(byNumber, d.number, d);
    push(bySlug, basename(d.id).toLowerCase(), d);
  }

  // Numbers are per folder: monorepos keep one decision log per package, so only a clash within a folder counts.
  for (const [number, list] of byNumber) {
    const perFolder = new Map<string, Decision[]>();
    for (const d of list) push(perFolder, dirname(d.path), d);
    for (const same of perFolder.values()) {
      if (same.length < 2) continue;
      for (const d of same) {
        const others = same.filter((o) => o !== d).map((o) => o.path).join(', ');
        problems.push(problem('duplicate-number', d.path, d.line, `Decision number ${number} is also used by ${others}`));
      }
    }
  }

  const parsedByPath = new Map(parsed.map((p) => [p.path, p] as const));
  // Each stated relation, keyed in its canonical direction (supersedes / amends), with who stated it.
  const stated = new Map<string, { from: Decision; to: Decision; kind: 'supersedes' | 'amends'; by: Set<string>; line: number; statedAt: string }>();
  for (const d of decisions) {
    const p = parsedByPath.get(d.path)!;
    for (const rel of p.relations) {
      // A relation to another repository's decision is a link to follow, not an edge of this graph.
      if (rel.external !== undefined) continue;
      const target = resolveRelation(rel, d, { byPath, byNumber, bySlug });
      if (!target) {
        problems.push(problem('dangling-relation', d.path, rel.line, `${relationLabel(rel.kind)} ${rel.text}: no such decision`));
        continue;
      }
      if (target === d) {
        problems.push(problem('dangling-relation', d.path, rel.line, `${relationLabel(rel.kind)} ${rel.text}: a decision cannot relate to itself`));
        continue;
      }
      const forward = rel.kind === 'supersedes' || rel.kind === 'amends';
      const kind = (forward ? rel.kind : INVERSE_RELATION[rel.kind]) as 'supersedes' | 'amends';
      const from = forward ? d : target;
      const to = forward ? target : d;
      const key = `${kind}\0${from.id}\0${to.id}`;
      const entry = stated.get(key) ?? { from, to, kind, by: new Set<string>(), line: rel.line, statedAt: d.path };
      entry.by.add(d.id);
      stated.set(key, entry);
    }
  }

  for (const { from, to, kind, by, line, statedAt } of stated.values()) {
    addUnique(kind === 'supersedes' ? from.supersedes : from.amends, to.id);
    // A proposal (or a rejected or draft record) that says it supersedes or amends another has not changed it yet:
    // the other keeps standing, need not say so, and citing it is not outdated, until the proposal is accepted. When
    // the other record itself says so, its own word counts.
    if (!by.has(to.id) && !inForce(from)) continue;
    addUnique(kind === 'supersedes' ? to.supersededBy : to.amendedBy, from.id);
    if (by.size === 1) {
      const silent = by.has(from.id) ? to : from;
      const silentParsed = parsedByPath.get(silent.path)!;
      const silentKind: RelationKind = by.has(from.id) ? INVERSE_RELATION[kind] : kind;
      const contradicts = silentParsed.relations.some(
        (r) => r.kind === silentKind && resolveRelation(r, silent, { byPath, byNumber, bySlug }) !== undefined,
      );
      const verb = kind === 'supersedes' ? 'supersedes' : 'amends';
      if (contradicts) {
        problems.push(
          problem('conflicting-relation', silent.path, silent.line, `${decisionMessageLabel(from)} ${verb} ${decisionMessageLabel(to)}, but ${decisionMessageLabel(silent)} names a different decision`),
        );
      } else {
        problems.push(
          problem('one-sided-relation', statedAt, line, `${decisionMessageLabel(from)} ${verb} ${decisionMessageLabel(to)}, but ${decisionMessageLabel(silent)} does not say so`),
        );
      }
    }
  }

  // A decision another one supersedes should not still call itself accepted or proposed.
  for (const d of decisions) {
    if (d.supersededBy.length > 0 && (d.status === 'accepted' || d.status === 'proposed')) {
      const by = d.supersededBy.map((id) => decisionMessageLabel(byId.get(id)!)).join(', ');
      problems.push(problem('conflicting-relation', d.path, d.statusLine ?? d.line, `${decisionMessageLabel(d)} is superseded by ${by}, but its status is '${d.status}'`));
    }
  }

  problems.push(...findSupersedeCycles(decisions, byId));
  for (const d of decisions) {
    d.supersedes.sort(compare);
    d.supersededBy.sort(compare);
    d.amends.sort(compare);
    d.amendedBy.sort(compare);
  }
  return { decisions, byId: LayeredMap.of(byId), byPath: LayeredMap.of(byPath), byNumber: LayeredMap.of(byNumber), problems, dateOrder: order, identity: {} };
}

/** The fields of a decision that no other decision reads: an edit to them changes no edge and no other decision. */
function ownFields(p: ParsedDecision) {
  return {
    title: p.title,
    statusText: p.statusText,
    tags: p.tags,
    deciders: p.deciders,
    consulted: p.consulted,
    informed: p.informed,
    governs: p.governs,
    governsLine: p.governsLine,
    format: p.format,
    summary: p.summary,
    searchText: p.searchText,
    passages: p.passages,
    reviewed: p.reviewed,
    reviewedCommit: p.reviewedCommit,
  };
}

/** What of a parsed decision the graph's edges and problems read, apart from its title. */
function structure(p: ParsedDecision): string {
  return JSON.stringify([p.path, p.number, p.status, p.statusLine, p.line, p.date, p.dateAmbiguous, p.dateOrder, p.relations]);
}

/**
 * The graph after decisions were edited in place (each `before` and `after` of the same path), made from `previous`
 * by replacing those decisions, when the edits change only what no other decision reads (a title, the prose, tags,
 * what it governs): a title edit then costs one decision, not a rebuild of every one. Undefined when an edit
 * changes an edge, a number, a status or a line, or renames a decision that problem messages name (one with
 * relations): the caller builds the graph again.
 */
export function updateDecisionGraph(previous: DecisionGraph, edits: readonly { before: ParsedDecision; after: ParsedDecision }[]): DecisionGraph | undefined {
  const replaced = new Map<string, Decision>();
  for (const { before, after } of edits) {
    graphWork.decisions++;
    const old = previous.byPath.get(after.path);
    if (!old || structure(before) !== structure(after)) return undefined;
    const related = old.supersedes.length + old.supersededBy.length + old.amends.length + old.amendedBy.length > 0;
    if (related && before.title !== after.title) return undefined;
    replaced.set(old.id, { ...old, ...ownFields(after) });
  }
  // The lists and maps of the last graph with those decisions replaced: the maps share all but the replaced keys.
  const decisions = previous.decisions.slice();
  const byId = new Map<string, Decision>();
  const byPath = new Map<string, Decision>();
  const byNumber = new Map<number, Decision[]>();
  for (const d of replaced.values()) {
    const at = lowerBoundBy(decisions, d.path, (x) => x.path);
    if (decisions[at]?.id !== d.id) return undefined;
    decisions[at] = d;
    byId.set(d.id, d);
    byPath.set(d.path, d);
    if (d.number !== undefined) byNumber.set(d.number, (byNumber.get(d.number) ?? previous.byNumber.get(d.number)!).map((o: Decision) => (o.id === d.id ? d : o)));
  }
  const layered = (m: MapLookup<string, Decision> | MapLookup<number, Decision[]>) => m as LayeredMap<never, never>;
  return {
    decisions,
    byId: layered(previous.byId).with(byId as Map<never, never>),
    byPath: layered(previous.byPath).with(byPath as Map<never, never>),
    byNumber: layered(previous.byNumber).with(byNumber as Map<never, never>),
    problems: previous.problems,
    dateOrder: previous.dateOrder,
    delta: { previous: previous.identity, ids: [...replaced.keys()] },
    identity: {},
  };
}

/**
 * Leaves on a new graph what its derived data can be made from: the last why-index of the graphs before it. Only
 * one index is kept this way (the newest), never a chain of graphs.
 */
export function carryDerived(next: DecisionGraph, previous: DecisionGraph): void {
  if (next === previous || next.why) return;
  next.whyBasis = previous.why?.index ?? previous.whyBasis;
}

/** The ids of the decisions `next` replaced in `previous` when it was made from it by updateDecisionGraph. */
export function editedSince(next: DecisionGraph, previous: DecisionGraph): readonly string[] | undefined {
  return next.delta?.previous === previous.identity ? next.delta.ids : undefined;
}

/** Has the decision taken effect? Not while proposed or a draft, nor when it was rejected. */
function inForce(d: Decision): boolean {
  return d.status !== 'proposed' && d.status !== 'draft' && d.status !== 'rejected';
}

interface Lookup {
  byPath: Map<string, Decision>;
  byNumber: Map<number, Decision[]>;
  bySlug: Map<string, Decision[]>;
}

function resolveRelation(rel: RelationRef, from: Decision, lookup: Lookup): Decision | undefined {
  if (rel.path) {
    const exact = lookup.byPath.get(rel.path) ?? lookup.byPath.get(`${rel.path}.md`);
    if (exact) return exact;
  }
  if (rel.slug) {
    const slug = stripMarkdownExtension(basename(rel.slug)).toLowerCase();
    const found = nearest(lookup.bySlug.get(slug), from.path);
    if (found) return found;
  }
  if (rel.number !== undefined) return nearest(lookup.byNumber.get(rel.number), from.path);
  if (rel.path) return nearest(lookup.bySlug.get(stripMarkdownExtension(basename(rel.path)).toLowerCase()), from.path);
  return undefined;
}

/** Of several candidates, the one sharing the longest folder prefix with `fromPath` (then the first by path). */
export function nearest<T extends { path: string }>(candidates: readonly T[] | undefined, fromPath: string): T | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  const from = dirname(fromPath);
  let best = candidates[0];
  let bestScore = -1;
  for (const c of candidates) {
    const score = commonPrefixSegments(c.path, c.path.lastIndexOf('/'), from);
    if (score > bestScore) {
      best = c;
      bestScore = score;
      if (score === Number.MAX_SAFE_INTEGER) break;
    }
  }
  return best;
}

/**
 * How many leading `/`-separated segments the folder `path.slice(0, end)` (all of `path` up to its last `/`, or ''
 * when `end` is -1) shares with the folder `b`; MAX_SAFE_INTEGER when they are the same folder. The same count as
 * splitting both at `/` and comparing segment by segment, without making the strings: resolving a reference by
 * number compares the citing file's folder with every decision holding that number.
 */
export function commonPrefixSegments(path: string, end: number, b: string): number {
  const aLength = end < 0 ? 0 : end;
  const limit = aLength < b.length ? aLength : b.length;
  let i = 0;
  let separators = 0;
  while (i < limit) {
    const ch = path.charCodeAt(i);
    if (ch !== b.charCodeAt(i)) break;
    if (ch === 47) separators++;
    i++;
  }
  if (i === aLength && i === b.length) return Number.MAX_SAFE_INTEGER;
  // The segment the first difference falls in counts when both folders end there or have a `/` there (the
  // difference is then the next segment's).
  const aEnds = i === aLength || path.charCodeAt(i) === 47;
  const bEnds = i === b.length || b.charCodeAt(i) === 47;
  return aEnds && bEnds ? separators + 1 : separators;
}

function findSupersedeCycles(decisions: Decision[], byId: Map<string, Decision>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  for (const start of decisions) {
    if (state.has(start.id)) continue;
    // Iterative DFS: deep chains in large repositories must not overflow the stack.
    const stack: { id: string; next: number }[] = [{ id: start.id, next: 0 }];
    const onPath: string[] = [start.id];
    state.set(start.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const d = byId.get(top.id)!;
      if (top.next < d.supersedes.length) {
        const child = d.supersedes[top.next++];
        const s = state.get(child);
        if (s === undefined) {
          state.set(child, 1);
          stack.push({ id: child, next: 0 });
          onPath.push(child);
        } else if (s === 1) {
          const cycle = onPath.slice(onPath.indexOf(child));
          const names = cycle.map((id) => decisionMessageLabel(byId.get(id)!));
          for (const id of cycle) {
            if (reported.has(id)) continue;
            reported.add(id);
            const member = byId.get(id)!;
            problems.push(problem('supersede-cycle', member.path, member.line, `Supersede cycle: ${[...names, names[0]].join(' → ')}`));
          }
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
        onPath.pop();
      }
    }
  }
  return problems;
}


function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
