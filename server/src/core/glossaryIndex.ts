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
  ) {}

  /** One automaton of all the words to avoid here, built on first use. */
  get avoid(): AvoidIndex {
    return (this.avoidIndex ??= buildAvoidIndex(this.terms));
  }
}

export interface AvoidIndex {
  matcher: TermMatcher;
  /** The preferred term, by matcher id. */
  preferred: GlossaryTerm[];
}

function buildAvoidIndex(terms: readonly GlossaryTerm[]): AvoidIndex {
  // A word that is itself a term or an alias here is not one to avoid, whatever another entry says.
  const names = new Set<string>();
  for (const t of terms) {
    names.add(termKey(t.term));
    for (const a of t.aliases) names.add(termKey(a));
  }
  const entries: { text: string; id: number }[] = [];
  const preferred: GlossaryTerm[] = [];
  for (const t of terms) {
    for (const word of t.avoid) {
      if (!word.trim() || names.has(termKey(word))) continue;
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

export class GlossaryIndex {
  readonly terms: readonly GlossaryTerm[];
  readonly problems: readonly Problem[];
  private readonly scopes: string[];
  private readonly byScopeChain = new Map<string, ScopedGlossary>();

  constructor(raw: readonly GlossaryTerm[]) {
    const { terms, problems } = mergeTerms(raw);
    this.terms = terms;
    this.problems = problems;
    this.scopes = [...new Set(terms.map((t) => t.scope))].sort((a, b) => a.length - b.length);
  }

  /** The glossary that applies to a file: the workspace's terms, overridden by those of enclosing folders. */
  forPath(path: string): ScopedGlossary {
    const chain = this.scopes.filter((s) => s === '' || path === s || path.startsWith(`${s}/`));
    const key = chain.join('\0');
    let g = this.byScopeChain.get(key);
    if (!g) {
      g = this.build(chain);
      this.byScopeChain.set(key, g);
    }
    return g;
  }

  /** Looks a term up by its name or an alias, in the glossary that applies to `path`. */
  lookup(name: string, path = ''): GlossaryTerm | undefined {
    const k = termKey(name);
    const g = this.forPath(path);
    return g.terms.find((t) => termKey(t.term) === k || t.aliases.some((a) => termKey(a) === k));
  }

  private build(chain: string[]): ScopedGlossary {
    const rank = new Map(chain.map((s, i) => [s, i] as const));
    const chosen = new Map<string, GlossaryTerm>();
    for (const t of this.terms) {
      const r = rank.get(t.scope);
      if (r === undefined) continue;
      const k = termKey(t.term);
      const current = chosen.get(k);
      if (!current || (rank.get(current.scope) ?? -1) < r) chosen.set(k, t);
    }
    const terms = [...chosen.values()];
    const entries: { text: string; id: number }[] = [];
    terms.forEach((t, id) => {
      entries.push({ text: t.term, id });
      for (const a of t.aliases) entries.push({ text: a, id });
    });
    return new ScopedGlossary(terms, TermMatcher.build(entries));
  }
}

/**
 * Folds abbreviations (`*[CDC]: Change Data Capture`) into the glossary term they abbreviate or expand, and
 * reports a term defined differently by two glossaries of the same scope.
 */
function mergeTerms(raw: readonly GlossaryTerm[]): { terms: GlossaryTerm[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const definitions = raw.filter((t) => t.source !== 'abbreviation');
  const abbreviations = raw.filter((t) => t.source === 'abbreviation');
  const terms: GlossaryTerm[] = [];
  const byKey = new Map<string, GlossaryTerm>(); // scope + name or alias -> term

  for (const t of definitions) {
    const k = `${t.scope}\0${termKey(t.term)}`;
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
    const copy = { ...t, aliases: [...t.aliases], avoid: [...t.avoid] };
    terms.push(copy);
    byKey.set(k, copy);
    for (const a of copy.aliases) if (!byKey.has(`${t.scope}\0${termKey(a)}`)) byKey.set(`${t.scope}\0${termKey(a)}`, copy);
  }
  for (const a of abbreviations) {
    const target = byKey.get(`${a.scope}\0${termKey(a.term)}`) ?? byKey.get(`${a.scope}\0${termKey(a.definition)}`);
    if (target) {
      for (const alias of [a.term, a.definition]) {
        if (termKey(alias) !== termKey(target.term) && !target.aliases.some((x) => termKey(x) === termKey(alias))) target.aliases.push(alias);
      }
      continue;
    }
    const k = `${a.scope}\0${termKey(a.term)}`;
    if (byKey.has(k)) continue;
    const copy = { ...a, aliases: [...a.aliases], avoid: [...a.avoid] };
    terms.push(copy);
    byKey.set(k, copy);
  }
  terms.sort((x, y) => (x.term.toLowerCase() < y.term.toLowerCase() ? -1 : x.term.toLowerCase() > y.term.toLowerCase() ? 1 : 0));
  return { terms, problems };
}

function normaliseDefinition(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
