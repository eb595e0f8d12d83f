// Which documents' findings a new snapshot can change, so the language server diagnoses again only those. A
// document's findings depend on its own text, the index's problems and history findings on its path (the caller
// compares those), and on the rest of the index through what it cites: decisions by number or path, and link
// targets. A decision edit therefore touches the documents that cite that decision (or a decision it supersedes,
// whose message names it); a change to the glossary's avoided words touches the documents that hold an avoided-word
// finding and those whose text holds a newly avoided word; the guardrails in force, the settings or discovery touch
// all.
import { editedSince } from '../decisionGraph';
import { isIndexFileName } from '../decisions/indexFiles';
import type { Decision, DecisionReference, DocumentLinkRef, GlossaryTerm } from '../model';
import { guardrailIndex } from '../guardrails';
import type { IndexSnapshot } from '../snapshot';

/** What of the index a document's findings read, besides its own path. */
export interface DocumentDependencies {
  /** Decision numbers its references name. */
  numbers: ReadonlySet<number>;
  /** Workspace paths its references and links name, and its own path. */
  paths: ReadonlySet<string>;
}

export function documentDependencies(
  path: string,
  references: readonly DecisionReference[],
  links: readonly DocumentLinkRef[] = [],
): DocumentDependencies {
  const numbers = new Set<number>();
  const paths = new Set<string>([path]);
  for (const r of references) {
    if (r.number !== undefined) numbers.add(r.number);
    if (r.path !== undefined) paths.add(r.path);
  }
  for (const l of links) paths.add(l.path);
  return { numbers, paths };
}

/** What changed from one snapshot to the next, as far as findings are concerned. */
export interface SnapshotChange {
  /** Everything may have changed: settings, discovery or the avoided words of the glossary. */
  all: boolean;
  /** Numbers of decisions that changed, appeared or disappeared (references by number resolve differently). */
  numbers: Set<number>;
  /** Paths and ids of such decisions, and files that appeared or disappeared (link targets). */
  paths: Set<string>;
  /** The avoided words changed: a document with an avoided-word finding may lose or change it. */
  avoidedTerms: boolean;
  /** Avoided words (lower case) a document may now hold where it did not before: such documents are checked again. */
  words: Set<string>;
  /**
   * Numbers whose decisions are the same paths, in the same order, before and after the change (a decision edited in
   * place): a reference by such a number resolves to the same decision in both snapshots, so it is touched only when
   * that decision is one the change touched (these paths). Numbers not listed touch every reference by them.
   */
  resolved: Map<number, ReadonlySet<string>>;
  /** The snapshot the change leads to (references by number in `resolved` are resolved in it). */
  next?: IndexSnapshot;
  /** Resolutions made while deciding, by number and citing folder (one change, one snapshot). */
  cache?: Map<string, boolean>;
}

export function snapshotChange(prev: IndexSnapshot | undefined, next: IndexSnapshot): SnapshotChange {
  const change: SnapshotChange = { all: false, numbers: new Set(), paths: new Set(), avoidedTerms: false, words: new Set(), resolved: new Map(), next };
  if (!prev || prev === next) {
    change.all = prev === undefined;
    return change;
  }
  if (prev.context !== next.context || !sameSettings(prev, next)) {
    change.all = true;
    return change;
  }
  if (prev.glossary !== next.glossary) changedAvoidedWords(prev, next, change);
  if (prev.decisionGraph !== next.decisionGraph) {
    // Guardrails decide findings in files that did not change (a manifest, when a decision's guardrail is edited).
    if (guardrailIndex(prev).key !== guardrailIndex(next).key) {
      change.all = true;
      return change;
    }
    changedDecisions(prev, next, change);
  }
  if (prev.files !== next.files) changedFiles(prev.files, next.files, change.paths);
  return change;
}

/**
 * Can this change alter the findings of a document with these dependencies? With the document's path, a reference
 * by a number whose decisions stayed where they were counts only when it resolves to a decision the change touched.
 */
export function affects(change: SnapshotChange, deps: DocumentDependencies, path?: string): boolean {
  if (change.all) return true;
  // An index file is held to every decision of the folders it lists, cited or not.
  if (path !== undefined && change.numbers.size + change.paths.size > 0 && isIndexFileName(path)) return true;
  if (change.paths.size > 0) for (const p of deps.paths) if (change.paths.has(p)) return true;
  if (change.numbers.size > 0) for (const n of deps.numbers) if (change.numbers.has(n) && citesChanged(change, n, path)) return true;
  return false;
}

/** Work of `citesChanged` (tests count it): references by number resolved, and those answered from the cache. */
export const resolutionWork = { resolved: 0, cached: 0 };

/**
 * Does a reference by `number` from the file at `path` cite a decision the change touched (or one whose number's
 * decisions changed)? (Index files list whole folders: the caller adds those listing a touched decision's folder.)
 */
export function citesChanged(change: SnapshotChange, number: number, path: string | undefined): boolean {
  const touched = change.resolved.get(number);
  if (!touched || path === undefined || !change.next) return true;
  const folder = path.slice(0, Math.max(path.lastIndexOf('/'), 0));
  const key = `${number}\0${folder}`;
  const cache = (change.cache ??= new Map());
  const known = cache.get(key);
  if (known !== undefined) {
    resolutionWork.cached++;
    return known;
  }
  resolutionWork.resolved++;
  const to = change.next.decisionByNumber(number, path);
  const cites = to === undefined || touched.has(to.path);
  cache.set(key, cites);
  return cites;
}

function sameSettings(prev: IndexSnapshot, next: IndexSnapshot): boolean {
  return prev.settings === next.settings || JSON.stringify(prev.settings) === JSON.stringify(next.settings);
}

/** What a decision's findings in other documents show of it: its number, status, title and relations. */
function decisionSignature(d: Decision): string {
  return `${d.number}\0${d.status}\0${d.statusText}\0${d.title}\0${d.path}\0${d.supersededBy.join(',')}\0${d.supersedes.join(',')}\0${d.amends.join(',')}\0${d.amendedBy.join(',')}`;
}

/** Decisions compared by `snapshotChange` (tests count it: one for a title edit, whatever the number of decisions). */
export const invalidationWork = { compared: 0 };

function changedDecisions(prev: IndexSnapshot, next: IndexSnapshot, change: SnapshotChange): void {
  const changed: Decision[] = [];
  const edited = editedSince(next.decisionGraph, prev.decisionGraph);
  if (edited) {
    // The graph says which decisions it replaced; the others are the same objects.
    for (const id of edited) {
      const old = prev.decision(id);
      const d = next.decision(id);
      invalidationWork.compared++;
      if (old && d && decisionSignature(old) !== decisionSignature(d)) changed.push(d, old);
    }
  } else {
    const before = new Map(prev.decisions.map((d) => [d.id, d]));
    for (const d of next.decisions) {
      const old = before.get(d.id);
      before.delete(d.id);
      invalidationWork.compared++;
      if (!old || decisionSignature(old) !== decisionSignature(d)) {
        changed.push(d);
        if (old) changed.push(old);
      }
    }
    changed.push(...before.values());
  }
  // A citation of a superseded decision names its successors: a change to one touches the citations of the
  // decisions it (transitively) supersedes.
  const seen = new Set<Decision>();
  const queue = [...changed];
  while (queue.length > 0) {
    const d = queue.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    if (d.number !== undefined) change.numbers.add(d.number);
    change.paths.add(d.path);
    change.paths.add(d.id);
    for (const id of d.supersedes) {
      for (const s of [prev.decision(id), next.decision(id)]) if (s && !seen.has(s)) queue.push(s);
    }
  }
  // Numbers held by the same paths before and after: their references resolve as they did. (Not with sources:
  // their decisions resolve by source and published page too.)
  if (prev.settings.sources?.length || next.settings.sources?.length) return;
  for (const n of change.numbers) {
    const before = prev.decisionGraph.byNumber.get(n);
    const after = next.decisionGraph.byNumber.get(n);
    if (!before || !after || before.length !== after.length || before.some((d, i) => d.path !== after[i].path)) continue;
    const paths = new Set<string>();
    for (const d of seen) if (d.number === n) paths.add(d.path);
    change.resolved.set(n, paths);
  }
}

/** Files in one sorted list and not the other. */
function changedFiles(a: readonly string[], b: readonly string[], out: Set<string>): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.add(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.add(b[j++]);
    else {
      i++;
      j++;
    }
  }
}

/** The glossary as the avoided-word rule reads it (not the definitions: editing one re-diagnoses nothing). */
interface AvoidedWords {
  /** `word, preferred term, file, scope` per avoided word. */
  entries: ReadonlySet<string>;
  /** Every term's names and aliases with its scope: a word that is a term in its scope is not avoided there. */
  names: string;
}

function avoidedWords(snapshot: IndexSnapshot): AvoidedWords {
  const entries = new Set<string>();
  const names: string[] = [];
  for (const t of snapshot.terms) {
    for (const word of t.avoid) entries.add(`${word.toLowerCase()}\0${t.term}\0${t.path}\0${t.scope}`);
    names.push(nameOf(t));
  }
  return { entries, names: names.sort().join('\n') };
}

function changedAvoidedWords(prev: IndexSnapshot, next: IndexSnapshot, change: SnapshotChange): void {
  const { added, removed, renamed } = avoidedWordsDelta(prev, next) ?? wholeAvoidedWordsDelta(prev, next);
  if (added.length === 0 && !removed && !renamed) return;
  change.avoidedTerms = true;
  // A term's names changed: a word that was one of them may be an avoided word again anywhere.
  for (const e of renamed ? next.derived(avoidedWords).entries : added) change.words.add(e.slice(0, e.indexOf('\0')));
}

interface AvoidedWordsDelta {
  /** Avoided-word entries (`word, preferred term, file, scope`) the glossary has now and did not have. */
  added: string[];
  /** Did it lose one? */
  removed: boolean;
  /** Did a term's names change? */
  renamed: boolean;
}

function wholeAvoidedWordsDelta(prev: IndexSnapshot, next: IndexSnapshot): AvoidedWordsDelta {
  const before = prev.derived(avoidedWords);
  const after = next.derived(avoidedWords);
  return {
    added: [...after.entries].filter((e) => !before.entries.has(e)),
    removed: [...before.entries].some((e) => !after.entries.has(e)),
    renamed: before.names !== after.names,
  };
}

/**
 * The same from the terms the glossary index replaced, when the next index was made from the last one: the terms
 * both share say the same in both (and a term's entries are its own: the merged terms are one per name and scope).
 */
function avoidedWordsDelta(prev: IndexSnapshot, next: IndexSnapshot): AvoidedWordsDelta | undefined {
  const delta = next.glossary.delta;
  if (!delta || delta.previous !== prev.glossary.identity) return undefined;
  const entriesOf = (terms: readonly GlossaryTerm[]) => {
    const out = new Set<string>();
    for (const t of terms) for (const word of t.avoid) out.add(`${word.toLowerCase()}\0${t.term}\0${t.path}\0${t.scope}`);
    return out;
  };
  const before = entriesOf(delta.removed);
  const after = entriesOf(delta.added);
  const names = new Map<string, number>();
  for (const t of delta.added) names.set(nameOf(t), (names.get(nameOf(t)) ?? 0) + 1);
  for (const t of delta.removed) names.set(nameOf(t), (names.get(nameOf(t)) ?? 0) - 1);
  return {
    added: [...after].filter((e) => !before.has(e)),
    removed: [...before].some((e) => !after.has(e)),
    renamed: [...names.values()].some((n) => n !== 0),
  };
}

function nameOf(t: GlossaryTerm): string {
  return `${t.scope}\0${t.term}\0${t.aliases.join('\u0001')}`;
}

/** Might this text hold one of these avoided words (as the matcher finds them, ignoring case and separators)? */
export function mayHoldWord(text: string, words: ReadonlySet<string>): boolean {
  if (words.size === 0) return false;
  const lower = text.toLowerCase();
  for (const word of words) {
    // The longest run of letters and digits of the word must be in the text whatever the separators between runs.
    const runs = word.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!longest || lower.includes(longest)) return true;
  }
  return false;
}
