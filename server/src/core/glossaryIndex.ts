// The glossary as the editor uses it: all terms of all glossaries, abbreviations folded into the terms they
// abbreviate, conflicts reported, and per-folder glossaries that win inside their folder. The term automaton is
// built once per glossary change and per folder scope, never per keystroke.
import type { GlossaryTerm, Problem } from './model';
import { problem } from './problems';
import { TermMatcher } from './terms/matcher';

/** The glossary that applies in one folder scope; built once per scope and glossary change (GlossaryIndex.forPath). */
export class ScopedGlossary {
  private avoidIndex?: AvoidIndex;

  constructor(
    /** The terms that apply here; a term's index in this array is its id in `matcher`. */
    readonly terms: readonly GlossaryTerm[],
    readonly matcher: TermMatcher,
    private readonly key: (text: string) => string = termKey,
  ) {}

  /** One automaton of all the words to avoid here, built on first use. */
  get avoid(): AvoidIndex {
    return (this.avoidIndex ??= buildAvoidIndex(this.terms, this.key));
  }
}

export interface AvoidIndex {
  matcher: TermMatcher;
  /** The preferred term, by matcher id. */
  preferred: GlossaryTerm[];
}

function buildAvoidIndex(terms: readonly GlossaryTerm[], key: (text: string) => string): AvoidIndex {
  // A word that is itself a term or an alias here is not one to avoid, whatever another entry says.
  const names = new Set<string>();
  for (const t of terms) {
    names.add(key(t.term));
    for (const a of t.aliases) names.add(key(a));
  }
  const entries: { text: string; id: number }[] = [];
  const preferred: GlossaryTerm[] = [];
  for (const t of terms) {
    for (const word of t.avoid) {
      if (!word.trim() || names.has(key(word))) continue;
      entries.push({ text: word, id: preferred.length });
      preferred.push(t);
    }
  }
  return { matcher: TermMatcher.build(entries), preferred };
}

/** Lower case with runs of space, hyphen and underscore folded, so "Reverse-ETL" and "reverse ETL" are one key. */
export function termKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

/** Work of glossary index builds (tests count it): what an edit of one entry costs, whatever the glossary's size. */
export const glossaryIndexWork = { keys: 0, copies: 0, moved: 0, automata: 0, reused: 0 };

/** `termKey` of strings seen by the last indexes: an edit computes the keys of the strings it changed. */
class KeyMemo {
  private readonly keys = new Map<string, string>();

  key(text: string): string {
    let k = this.keys.get(text);
    if (k === undefined) {
      glossaryIndexWork.keys++;
      k = termKey(text);
      this.keys.set(text, k);
    }
    return k;
  }

  /** Too many strings no longer in use: start again (each index passes its memo on to the next). */
  get size(): number {
    return this.keys.size;
  }
}

/** What the index was made from: the glossaries' term lists in path order (each list as its record holds it). */
export type GlossarySources = readonly (readonly GlossaryTerm[])[];

/**
 * The changes from the index this one was made from: its terms that are not the other's (by identity), leaving out
 * the terms that only moved to another line.
 */
export interface GlossaryDelta {
  previous: object;
  added: readonly GlossaryTerm[];
  removed: readonly GlossaryTerm[];
}

export class GlossaryIndex {
  readonly terms: readonly GlossaryTerm[];
  readonly problems: readonly Problem[];
  /** Identity of this index (what a later index's delta names). */
  readonly identity = {};
  /** How this index differs from the one it was made from, when it was made from one. */
  readonly delta?: GlossaryDelta;
  private readonly scopes: string[];
  private readonly byScopeChain = new Map<string, ScopedGlossary>();
  private readonly memo: KeyMemo;
  /** Each source term's merged copy (made again only for terms that changed or moved). */
  private readonly copies: Map<GlossaryTerm, GlossaryTerm>;
  /** Copies an abbreviation added aliases to (made again by each merge). */
  private readonly folded: ReadonlySet<GlossaryTerm>;
  private readonly sources: GlossarySources;
  /** The scoped glossaries of the index this one was made from, whose automata may serve again. */
  private earlier?: Map<string, ScopedGlossary>;

  /**
   * The index of these glossaries. Made from `previous` (the index of the same workspace before an edit), only the
   * terms that changed are merged again and copied, and an automaton is reused when the names it holds did not
   * change (a definition or a word to avoid edited): a glossary edit costs what it changed, not the glossary.
   */
  constructor(raw: readonly GlossaryTerm[] | GlossarySources, previous?: GlossaryIndex) {
    const sources: GlossarySources = raw.length > 0 && Array.isArray(raw[0]) ? (raw as GlossarySources) : [raw as readonly GlossaryTerm[]];
    this.sources = sources;
    this.memo = previous && previous.memo.size < 4 * (previous.terms.length * 4 + 1000) ? previous.memo : new KeyMemo();
    const moved = new Map<GlossaryTerm, GlossaryTerm>();
    const reuse = previous ? reusableCopies(previous, sources, moved) : undefined;
    const { terms, problems, copies, folded } = mergeTerms(sources, this.memo, reuse);
    this.terms = terms;
    this.problems = problems;
    this.copies = copies;
    this.folded = folded;
    if (previous) {
      this.earlier = previous.byScopeChain;
      // A term moved to another line says the same: it is in neither list.
      const before = new Set(previous.terms);
      const after = new Set(terms);
      const movedFrom = new Set<GlossaryTerm>();
      for (const [copy, from] of moved) if (after.has(copy)) movedFrom.add(from);
      this.delta = {
        previous: previous.identity,
        added: terms.filter((t) => !before.has(t) && !moved.has(t)),
        removed: previous.terms.filter((t) => !after.has(t) && !movedFrom.has(t)),
      };
    }
    this.scopes = [...new Set(terms.map((t) => t.scope))].sort((a, b) => a.length - b.length);
  }

  /** The glossary that applies to a file: the workspace's terms, overridden by those of enclosing folders. */
  forPath(path: string): ScopedGlossary {
    const chain = this.scopes.filter((s) => s === '' || path === s || path.startsWith(`${s}/`));
    const key = chain.join('\0');
    let g = this.byScopeChain.get(key);
    if (!g) {
      g = this.build(chain, this.earlier?.get(key));
      this.byScopeChain.set(key, g);
    }
    return g;
  }

  /** Looks a term up by its name or an alias, in the glossary that applies to `path`. */
  lookup(name: string, path = ''): GlossaryTerm | undefined {
    const k = termKey(name);
    const g = this.forPath(path);
    return g.terms.find((t) => this.memo.key(t.term) === k || t.aliases.some((a) => this.memo.key(a) === k));
  }

  private build(chain: string[], earlier: ScopedGlossary | undefined): ScopedGlossary {
    const rank = new Map(chain.map((s, i) => [s, i] as const));
    const chosen = new Map<string, GlossaryTerm>();
    for (const t of this.terms) {
      const r = rank.get(t.scope);
      if (r === undefined) continue;
      const k = this.memo.key(t.term);
      const current = chosen.get(k);
      if (!current || (rank.get(current.scope) ?? -1) < r) chosen.set(k, t);
    }
    const terms = [...chosen.values()];
    // The automaton reads only the names and aliases, by position: the same ones in the same places make the same one.
    if (earlier && sameNames(earlier.terms, terms)) {
      glossaryIndexWork.reused++;
      return new ScopedGlossary(terms, earlier.matcher, this.keyOf);
    }
    const entries: { text: string; id: number }[] = [];
    terms.forEach((t, id) => {
      entries.push({ text: t.term, id });
      for (const a of t.aliases) entries.push({ text: a, id });
    });
    glossaryIndexWork.automata++;
    return new ScopedGlossary(terms, TermMatcher.build(entries), this.keyOf);
  }

  private readonly keyOf = (text: string): string => this.memo.key(text);
}

function sameNames(a: readonly GlossaryTerm[], b: readonly GlossaryTerm[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.term !== y.term || x.aliases.length !== y.aliases.length) return false;
    for (let j = 0; j < x.aliases.length; j++) if (x.aliases[j] !== y.aliases[j]) return false;
  }
  return true;
}

/** Does a source term say the same as another, apart from its line? */
function sameEntry(a: GlossaryTerm, b: GlossaryTerm): boolean {
  return (
    a.term === b.term &&
    a.definition === b.definition &&
    a.path === b.path &&
    a.scope === b.scope &&
    a.source === b.source &&
    sameStrings(a.aliases, b.aliases) &&
    sameStrings(a.avoid, b.avoid)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The merged copies of `previous` that can serve again, by the source term they now stand for: those of unchanged
 * lists as they are, and in a changed list those of the entries before and after the edited ones (matched from
 * each end), moved to their new lines. A copy an abbreviation added aliases to is not reused (the merge adds them).
 */
function reusableCopies(previous: GlossaryIndex, sources: GlossarySources, moved: Map<GlossaryTerm, GlossaryTerm>): Map<GlossaryTerm, GlossaryTerm> {
  const old = previous['sources'];
  const copies = previous['copies'];
  const folded = previous['folded'];
  const reuse = new Map<GlossaryTerm, GlossaryTerm>();
  const take = (from: GlossaryTerm, to: GlossaryTerm) => {
    const copy = copies.get(from);
    if (!copy || folded.has(copy)) return;
    if (from === to || copy.line === to.line) reuse.set(to, copy);
    else {
      glossaryIndexWork.moved++;
      const copied = { ...copy, line: to.line };
      moved.set(copied, copy);
      reuse.set(to, copied);
    }
  };
  const byFirst = new Map<GlossaryTerm | undefined, readonly GlossaryTerm[]>();
  for (const list of old) byFirst.set(list[0], list);
  for (let i = 0; i < sources.length; i++) {
    const list = sources[i];
    const before = old[i] === list ? list : old.find((l) => l.length > 0 && list.length > 0 && l[0].path === list[0].path);
    if (!before) continue;
    if (before === list) {
      for (const t of list) take(t, t);
      continue;
    }
    let head = 0;
    while (head < before.length && head < list.length && sameEntry(before[head], list[head])) {
      take(before[head], list[head]);
      head++;
    }
    let tail = 0;
    while (tail < before.length - head && tail < list.length - head && sameEntry(before[before.length - 1 - tail], list[list.length - 1 - tail])) {
      take(before[before.length - 1 - tail], list[list.length - 1 - tail]);
      tail++;
    }
  }
  return reuse;
}

/**
 * Folds abbreviations (`*[CDC]: Change Data Capture`) into the glossary term they abbreviate or expand, and
 * reports a term defined differently by two glossaries of the same scope. `reuse` gives merged copies of an
 * earlier merge for the source terms that did not change.
 */
function mergeTerms(
  sources: GlossarySources,
  memo: KeyMemo,
  reuse?: ReadonlyMap<GlossaryTerm, GlossaryTerm>,
): { terms: GlossaryTerm[]; problems: Problem[]; copies: Map<GlossaryTerm, GlossaryTerm>; folded: Set<GlossaryTerm> } {
  const problems: Problem[] = [];
  /** Copies an abbreviation added aliases to: not to be reused by a later merge (it adds them again). */
  const folded = new Set<GlossaryTerm>();
  const terms: GlossaryTerm[] = [];
  const copies = new Map<GlossaryTerm, GlossaryTerm>();
  const byKey = new Map<string, GlossaryTerm>(); // scope + name or alias -> term
  /** Copies made by this merge (the others are shared with the index `reuse` comes from). */
  const fresh = new Set<GlossaryTerm>();
  const copyOf = (t: GlossaryTerm): GlossaryTerm => {
    const known = reuse?.get(t);
    if (known) return known;
    glossaryIndexWork.copies++;
    const copy = { ...t, aliases: [...t.aliases], avoid: [...t.avoid] };
    fresh.add(copy);
    return copy;
  };

  for (const list of sources) {
    for (const t of list) {
      if (t.source === 'abbreviation') continue;
      const k = `${t.scope}\0${memo.key(t.term)}`;
      const existing = byKey.get(k);
      if (existing && existing.path !== t.path) {
        if (normaliseDefinition(existing.definition) !== normaliseDefinition(t.definition)) {
          problems.push(
            problem('conflicting-term', t.path, t.line, `'${t.term}' is also defined in ${existing.path}:${existing.line} with a different definition`),
          );
        }
        // The first definition (by path order) stays the one shown; the conflict is reported.
        continue;
      }
      if (existing) continue;
      const copy = copyOf(t);
      copies.set(t, copy);
      terms.push(copy);
      byKey.set(k, copy);
      for (const a of copy.aliases) {
        const ak = `${t.scope}\0${memo.key(a)}`;
        if (!byKey.has(ak)) byKey.set(ak, copy);
      }
    }
  }
  for (const list of sources) {
    for (const a of list) {
      if (a.source !== 'abbreviation') continue;
      let target = byKey.get(`${a.scope}\0${memo.key(a.term)}`) ?? byKey.get(`${a.scope}\0${memo.key(a.definition)}`);
      if (target) {
        for (const alias of [a.term, a.definition]) {
          if (memo.key(alias) === memo.key(target.term) || target.aliases.some((x) => memo.key(x) === memo.key(alias))) continue;
          if (fresh.has(target)) folded.add(target);
          else if (!folded.has(target)) {
            // A copy an earlier index shares is not changed: this index gets one of its own.
            const own: GlossaryTerm = { ...target, aliases: [...target.aliases], avoid: [...target.avoid] };
            glossaryIndexWork.copies++;
            folded.add(own);
            for (const [key, value] of byKey) if (value === target) byKey.set(key, own);
            terms[terms.indexOf(target)] = own;
            for (const [source, value] of copies) if (value === target) copies.set(source, own);
            target = own;
          }
          target.aliases.push(alias);
        }
        continue;
      }
      const k = `${a.scope}\0${memo.key(a.term)}`;
      if (byKey.has(k)) continue;
      const copy = copyOf(a);
      copies.set(a, copy);
      terms.push(copy);
      byKey.set(k, copy);
    }
  }
  // By lower-cased name, keeping the merge order of equal names (a stable sort of the names beside their terms).
  const keyed = terms.map((t, i) => ({ name: t.term.toLowerCase(), i }));
  keyed.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.i - y.i));
  const sorted = keyed.map((k) => terms[k.i]);
  return { terms: sorted, problems, copies, folded };
}

function normaliseDefinition(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
