// The why-index made from an earlier one after edits (a base segment with removed decisions and a small overlay)
// answers exactly as an index built anew over the same decisions and terms, on the decision logs of every public
// corpus under random edit sequences; and in a workspace an edit reads only the decisions it changed.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMonorepo } from '../../../bench/fixtures';
import { NodeWorkspace } from '../../../server/src/adapters/nodeWorkspace';
import { ArchitectureIndex } from '../../../server/src/core/archIndex';
import { packPassages, unpackPassages } from '../../../server/src/core/decisions/passages';
import type { Decision, GlossaryTerm } from '../../../server/src/core/model';
import { prepareWhyIndex, WhyIndex, whyIndexOf, whyWork, type WhyAnswer } from '../../../server/src/core/why/rank';
import { words } from '../../../server/src/core/why/words';

const CORPORA = path.resolve(__dirname, '../../../../shared/corpora');
const EXAMPLE = path.resolve(__dirname, '../../../examples/data-platform');
const roots = [EXAMPLE, ...(existsSync(CORPORA) ? readdirSync(CORPORA).map((n) => path.join(CORPORA, n)).filter((p) => statSync(p).isDirectory()) : [])];

/** A small deterministic generator (the same edits on every run). */
function random(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

/** Everything an answer shows, with the decision by identity (the index must hand out the current object). */
function shown(answers: WhyAnswer[]): unknown[] {
  return answers.map((a) => ({ decision: a.decision, score: a.score, sentence: a.sentence, successorOf: a.successorOf }));
}

function questionsOf(decisions: readonly Decision[], terms: readonly GlossaryTerm[], pick: (n: number) => number): { asks: string[]; terms: GlossaryTerm[] } {
  const asks: string[] = [];
  for (let i = 0; i < 6 && decisions.length > 0; i++) {
    const d = decisions[pick(decisions.length)];
    const ws = d.title.split(/\s+/);
    asks.push(`why ${ws.slice(pick(ws.length)).join(' ')}`, `why not ${ws[pick(ws.length)]}`);
  }
  return { asks, terms: terms.length ? Array.from({ length: Math.min(8, terms.length) }, () => terms[pick(terms.length)]) : [] };
}

describe('why-index updates against a new build', () => {
  it.each(roots.map((r) => [path.basename(r), r]))('%s: twenty random edits answer as a new index does', async (_name, root) => {
    const snapshot = await new ArchitectureIndex(new NodeWorkspace(root)).rebuild();
    let decisions = [...snapshot.decisions];
    let terms = [...snapshot.terms];
    if (decisions.length < 2) return;
    const pick = random(decisions.length * 7919 + terms.length);
    const removed: Decision[] = [];
    let index = new WhyIndex(decisions, terms);
    let updates = 0;
    for (let step = 0; step < 20; step++) {
      const at = pick(decisions.length);
      const d = decisions[at];
      const other = decisions[pick(decisions.length)];
      const op = pick(8);
      decisions = decisions.slice();
      if (op === 0) decisions[at] = { ...d, title: `${d.title} ${other.title.split(/\s+/)[0]}` };
      else if (op === 1) decisions[at] = { ...d, passages: other.passages };
      else if (op === 2) decisions[at] = { ...d, tags: [...d.tags, other.title.split(/\s+/).pop() ?? 'x'] };
      else if (op === 3 && decisions.length > 2) removed.push(...decisions.splice(at, 1));
      else if (op === 4 && removed.length > 0) decisions.push(removed.pop()!);
      // Same words, new relations: answers must show the decision as it is now.
      else if (op === 5) decisions[at] = { ...d, supersededBy: d.id === other.id ? [] : [other.id] };
      // The same prose read again (a new object with equal contents) keeps the decision.
      else if (op === 6) decisions[at] = { ...d, passages: packPassages(unpackPassages(d.passages)) };
      else if (terms.length > 1) terms = terms.slice(1);
      const before = whyWork.decisions;
      const next = new WhyIndex(decisions, terms, index);
      if (whyWork.decisions - before < decisions.length) updates++;
      const fresh = new WhyIndex(decisions, terms);
      const q = questionsOf(decisions, terms, pick);
      for (const ask of q.asks) expect(shown(next.ask(ask)), `${ask} after step ${step}`).toEqual(shown(fresh.ask(ask)));
      for (const t of q.terms) expect(shown(next.about(t)), `about ${t.term} after step ${step}`).toEqual(shown(fresh.about(t)));
      index = next;
    }
    // Small logs fit the overlay for the whole run: every step was an update, not a new build.
    if (decisions.length <= 64) expect(updates).toBe(20);
  });

  it('builds anew once the changed decisions pass a sixteenth of the log, and answers the same', () => {
    const base = Array.from({ length: 2000 }, (_, i): Decision => decision(i, `Decision about topic${i % 97} and store${i % 13}`));
    let index = new WhyIndex(base, []);
    let decisions = base;
    const reads: number[] = [];
    for (let round = 0; round < 4; round++) {
      decisions = decisions.map((d, i) => (i % 40 === round ? { ...d, title: `${d.title} revised${round}` } : d));
      const before = whyWork.decisions;
      index = new WhyIndex(decisions, [], index);
      reads.push(whyWork.decisions - before);
      expect(shown(index.ask('why revised topic3 store5'))).toEqual(shown(new WhyIndex(decisions, []).ask('why revised topic3 store5')));
    }
    // 50 changed per round: the overlay holds 50, 100 then 150 of them; at 200 (> 2000 / 16 = 125) it is built anew.
    expect(reads).toEqual([50, 100, 2000, 50]);
  });
});

/** The rule of `about`, read plainly: where the term's phrases occur in each decision, and the tier that gives. */
function plainTiers(decisions: readonly Decision[], term: GlossaryTerm): Map<string, number> {
  const phrases = [term.term, ...term.aliases].map(words).filter((p) => p.length > 0);
  const count = (ws: string[]) => phrases.reduce((n, p) => n + ws.filter((_, i) => p.every((w, k) => ws[i + k] === w)).length, 0);
  const tiers = new Map<string, number>();
  for (const d of decisions) {
    const prose = unpackPassages(d.passages);
    const section = (kind: string) => prose.filter((p) => p.section === kind).flatMap((p) => words(p.text));
    const named = count(words(d.title)) + count(d.tags.flatMap((t) => words(t)));
    const stated = count(section('decision'));
    const all = named + stated + count(section('context')) + count(section('consequences')) + count(section('options')) + count(section('other'));
    const tier = named > 0 ? 0 : stated > 0 ? 1 : all >= 3 ? 2 : -1;
    if (tier >= 0) tiers.set(d.id, tier);
  }
  return tiers;
}

describe('decisions about a term', () => {
  it.each(roots.map((r) => [path.basename(r), r]))('%s: every term lists the decisions the plain rule names, by tier', async (_name, root) => {
    const snapshot = await new ArchitectureIndex(new NodeWorkspace(root)).rebuild();
    const index = new WhyIndex(snapshot.decisions, snapshot.terms);
    for (const term of snapshot.terms.slice(0, 150)) {
      const expected = plainTiers(snapshot.decisions, term);
      const answers = index.about(term, 100_000);
      expect(answers.map((a) => a.decision.id).sort(), term.term).toEqual([...expected.keys()].sort());
      // By tier, apart from decisions in a supersession, which are placed after the decisions that replaced them.
      const alone = answers.filter((a) => a.decision.supersedes.length + a.decision.supersededBy.length === 0);
      const tiers = alone.map((a) => expected.get(a.decision.id)!);
      expect(tiers, term.term).toEqual([...tiers].sort((a, b) => a - b));
    }
  });
});

function decision(i: number, title: string): Decision {
  const id = `docs/adr/${String(i).padStart(4, '0')}-d`;
  return {
    id,
    number: i,
    status: 'accepted',
    path: `${id}.md`,
    line: 1,
    title,
    tags: [],
    supersedes: [],
    supersededBy: [],
    amends: [],
    amendedBy: [],
    passages: packPassages([{ text: `We keep topic${i % 7} in store${i % 5} because it is cheaper.`, line: 3, section: 'decision' }]),
  } as unknown as Decision;
}

describe('why-index in a workspace', () => {
  it('reads only the decisions an edit changed, across snapshots nobody asked in between, and none for a glossary edit', async () => {
    const repo = generateMonorepo({ packages: 3, decisionsPerPackage: 100, viewsPerPackage: 1, sourcesPerPackage: 5, terms: 60, citingShare: 0.3, seed: 5 });
    try {
      const text = (p: string) => readFileSync(path.join(repo.root, p), 'utf8');
      const idx = new ArchitectureIndex(new NodeWorkspace(repo.root));
      const first = await idx.rebuild();
      expect(first.decisions.length).toBe(300);
      const term = first.terms.find((t) => whyIndexOf(first).about(t).length > 0)!;
      expect(term).toBeDefined();
      const [a, b] = first.decisions.slice(3, 5);
      // Two title edits with no hover between them, then a hover.
      await idx.setOverlay(a.path, text(a.path).replace(a.title, `${a.title} revisited`));
      const edited = await idx.setOverlay(b.path, text(b.path).replace(b.title, `${b.title} revisited`));
      let before = whyWork.decisions;
      const afterEdits = whyIndexOf(edited);
      expect(whyWork.decisions - before).toBe(2);
      expect(shown(afterEdits.about(term))).toEqual(shown(new WhyIndex(edited.decisions, edited.terms).about(term)));
      expect(afterEdits.ask('why revisited').map((x) => x.decision.id).sort()).toEqual([a.id, b.id].sort());
      expect(shown(afterEdits.ask('why revisited'))).toEqual(shown(new WhyIndex(edited.decisions, edited.terms).ask('why revisited')));
      // A glossary edit: new terms, the same decisions' words.
      const glossary = repo.glossaries[0];
      const renamed = await idx.setOverlay(glossary, `${text(glossary)}\n`);
      expect(renamed.terms).not.toBe(edited.terms);
      before = whyWork.decisions;
      whyIndexOf(renamed).about(renamed.terms[0]);
      expect(whyWork.decisions - before).toBe(0);
    } finally {
      await repo.remove();
    }
  });
});

describe('why-index read in the background', () => {
  async function workspace() {
    const repo = generateMonorepo({ packages: 2, decisionsPerPackage: 60, viewsPerPackage: 1, sourcesPerPackage: 3, terms: 40, citingShare: 0.3, seed: 9 });
    const idx = new ArchitectureIndex(new NodeWorkspace(repo.root));
    const snapshot = await idx.rebuild();
    return { repo, idx, snapshot, text: (p: string) => readFileSync(path.join(repo.root, p), 'utf8') };
  }

  it('reads every decision once, in slices, and answers as an index built at once', async () => {
    const { repo, snapshot } = await workspace();
    try {
      const before = whyWork.decisions;
      let turns = 0;
      await prepareWhyIndex(snapshot, () => snapshot, async () => (turns++, true), 0);
      expect(turns).toBeGreaterThan(2);
      expect(whyWork.decisions - before).toBe(snapshot.decisions.length);
      const term = snapshot.terms[0];
      expect(shown(whyIndexOf(snapshot).about(term))).toEqual(shown(new WhyIndex(snapshot.decisions, snapshot.terms).about(term)));
      expect(whyWork.decisions - before).toBe(snapshot.decisions.length * 2);
    } finally {
      await repo.remove();
    }
  });

  it('is finished by a question that comes first, and stops when told to', async () => {
    const { repo, snapshot } = await workspace();
    try {
      const before = whyWork.decisions;
      let asked: WhyIndex | undefined;
      await prepareWhyIndex(snapshot, () => snapshot, async () => ((asked ??= whyIndexOf(snapshot)), true), 0);
      expect(whyWork.decisions - before).toBe(snapshot.decisions.length);
      expect(whyIndexOf(snapshot)).toBe(asked);
      // Told to stop: nothing is left half read on the graph, and the next question builds the index whole.
      const next = await new ArchitectureIndex(new NodeWorkspace(repo.root)).rebuild();
      await prepareWhyIndex(next, () => next, async () => false, 0);
      const at = whyWork.decisions;
      whyIndexOf(next);
      expect(whyWork.decisions - at).toBe(next.decisions.length);
    } finally {
      await repo.remove();
    }
  });

  it('leaves the index to the newest graph when a decision was edited meanwhile: its first question reads one decision', async () => {
    const { repo, snapshot, idx, text } = await workspace();
    try {
      const d = snapshot.decisions[7];
      let current = snapshot;
      let edited = false;
      await prepareWhyIndex(snapshot, () => current, async () => {
        if (!edited) current = await idx.setOverlay(d.path, text(d.path).replace(d.title, `${d.title} reworded`));
        edited = true;
        return true;
      }, 0);
      expect(current.decisionGraph).not.toBe(snapshot.decisionGraph);
      const before = whyWork.decisions;
      expect(whyIndexOf(current).ask('why reworded').map((a) => a.decision.id)).toEqual([d.id]);
      expect(whyWork.decisions - before).toBe(1);
    } finally {
      await repo.remove();
    }
  });
});
