// The glossary index made from the last one after an edit: only the entries that changed are merged again and
// copied, and a scoped automaton is reused when the names it holds did not change. Held to the index built from
// scratch under random edits (terms, aliases, abbreviations, scopes, conflicts, entries moved to other lines), and
// counted at two glossary sizes: an edit of one entry's definition or words to avoid does the same work with 40
// terms as with 4,000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlossaryIndex, glossaryIndexWork } from '../../../server/src/core/glossaryIndex';
import type { GlossaryTerm } from '../../../server/src/core/model';

type Source = GlossaryTerm[];

const TEXT = 'The CDC feed and the change data capture log go to the dead letter queue; reverse ETL reads the DLQs and the ledger.';

/** What the index gives to its users, for comparing two indexes. */
function view(index: GlossaryIndex, paths: readonly string[]) {
  return {
    terms: index.terms.map((t) => ({ ...t })),
    problems: index.problems,
    scoped: paths.map((p) => {
      const g = index.forPath(p);
      return {
        terms: g.terms.map((t) => `${t.scope}:${t.term}:${t.aliases.join('|')}:${t.avoid.join('|')}:${t.line}`),
        matches: g.matcher.findAll(TEXT).map((m) => `${m.start}-${m.end}:${g.terms[m.id].term}`),
        avoided: g.avoid.matcher.findAll(TEXT).map((m) => `${m.start}-${m.end}:${g.avoid.preferred[m.id].term}`),
      };
    }),
  };
}

/** The terms of `a` not in `b`, as multisets of what they say apart from their line. */
function difference(a: readonly GlossaryTerm[], b: readonly GlossaryTerm[]): string[] {
  const content = (t: GlossaryTerm) => JSON.stringify({ ...t, line: 0 });
  const left = b.map(content);
  const out: string[] = [];
  for (const c of a.map(content)) {
    const i = left.indexOf(c);
    if (i >= 0) left.splice(i, 1);
    else out.push(c);
  }
  return out.sort();
}

const term = (path: string, scope: string, line: number, name: string, more: Partial<GlossaryTerm> = {}): GlossaryTerm => ({
  term: name,
  aliases: [],
  definition: `What ${name} means.`,
  avoid: [],
  path,
  line,
  scope,
  source: 'yaml',
  ...more,
});

describe('glossary index made from the last one', () => {
  it('equals the index built from scratch under random edits', () => {
    const names = ['CDC', 'change data capture', 'DLQ', 'dead letter queue', 'reverse ETL', 'ledger', 'Ledger', 'feed', 'log'];
    const name = fc.constantFrom(...names);
    const entry = fc.record({
      name,
      aliases: fc.array(name, { maxLength: 2 }),
      avoid: fc.array(fc.constantFrom('feed', 'log', 'ledger', 'DLQs'), { maxLength: 2 }),
      definition: fc.constantFrom('One.', 'Two.', 'one'),
      abbreviation: fc.boolean(),
    });
    const files = ['a/glossary.yml', 'b/glossary.md', 'glossary.yml'];
    const scopeOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');
    const toSource = (path: string, entries: { name: string; aliases: string[]; avoid: string[]; definition: string; abbreviation: boolean }[], shift: number): Source =>
      entries.map((e, i) =>
        term(path, scopeOf(path), 1 + shift + i * 3, e.name, {
          aliases: e.aliases,
          avoid: e.avoid,
          definition: e.abbreviation ? names[(names.indexOf(e.name) + 1) % names.length] : e.definition,
          source: (e.abbreviation ? 'abbreviation' : path.endsWith('.md') ? 'deflist' : 'yaml') as GlossaryTerm['source'],
        }),
      );
    const edit = fc.record({ file: fc.integer({ min: 0, max: 2 }), at: fc.nat(), remove: fc.boolean(), entry, shift: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 5 }), { minLength: 3, maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (initial, edits) => {
        const lists = initial.map((l) => [...l]);
        let sources = lists.map((l, i) => toSource(files[i], l, 0));
        let index = new GlossaryIndex(sources);
        const paths = ['a/x.md', 'b/y.md', 'c/z.md'];
        view(index, paths);
        for (const e of edits) {
          const list = lists[e.file];
          const at = list.length === 0 ? 0 : e.at % (list.length + (e.remove ? 0 : 1));
          if (e.remove && list.length > 0) list.splice(at, 1);
          else list.splice(at, e.remove ? 0 : 1, e.entry);
          // Unchanged lists keep their arrays (as unchanged records do); the edited one is new, its entries
          // after the edit on other lines.
          sources = sources.map((s, i) => (i === e.file ? toSource(files[i], list, e.shift) : s));
          const last = index;
          index = new GlossaryIndex(sources, index);
          expect(view(index, paths)).toEqual(view(new GlossaryIndex(sources), paths));
          // What the delta says changed (apart from lines) is what changed between the two lists of terms.
          expect(index.delta?.previous).toBe(last.identity);
          expect(difference(index.delta!.added, index.delta!.removed)).toEqual(difference(index.terms, last.terms));
          expect(difference(index.delta!.removed, index.delta!.added)).toEqual(difference(last.terms, index.terms));
        }
      }),
      { numRuns: 300 },
    );
  });

  function glossary(size: number, avoid: string, definition = 'What it means.'): Source[] {
    const yaml = Array.from({ length: size }, (_, i) =>
      term('glossary.yml', '', 2 + i * 3, `term ${i}`, { aliases: [`t${i}`], definition: i === 7 ? definition : `Term ${i}.`, avoid: i === 7 ? [avoid] : [] }),
    );
    const md = Array.from({ length: size }, (_, i) => term('docs/glossary.md', 'docs', 1 + i * 4, `word ${i}`, { source: 'deflist' }));
    return [md, yaml];
  }

  function edits(size: number) {
    let sources = glossary(size, 'zzz');
    let index = new GlossaryIndex(sources);
    index.forPath('docs/a.md').avoid;
    index.forPath('src/b.ts').avoid;
    const work: Record<string, number>[] = [];
    for (const [avoid, definition] of [['ledger', 'What it means.'], ['ledger', 'What it means now.'], ['feed', 'What it means now.']]) {
      const before = { ...glossaryIndexWork };
      // The edited list is new and so is its edited entry; the others are the objects they were.
      const next = glossary(size, avoid, definition);
      sources = [sources[0], sources[1].map((t, i) => (i === 7 ? next[1][7] : t))];
      index = new GlossaryIndex(sources, index);
      for (const path of ['docs/a.md', 'src/b.ts']) index.forPath(path).avoid;
      work.push(Object.fromEntries(Object.entries(glossaryIndexWork).map(([k, v]) => [k, v - before[k as keyof typeof before]])));
      expect(view(index, ['docs/a.md', 'src/b.ts'])).toEqual(view(new GlossaryIndex(sources), ['docs/a.md', 'src/b.ts']));
    }
    return work;
  }

  it('merges and copies the edited entry only, and reuses the automata, with 40 terms as with 4,000', () => {
    const small = edits(40);
    const large = edits(4000);
    expect(large).toEqual(small);
    for (const w of large) {
      expect(w.copies).toBe(1);
      expect(w.automata).toBe(0);
      expect(w.reused).toBe(2);
      expect(w.keys).toBeLessThanOrEqual(3);
    }
  });
});
