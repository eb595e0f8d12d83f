// "Why did we pick X?": BM25F over the sections of each decision (title, tags, context, decision, consequences,
// considered options), with the question's glossary terms expanded to their synonyms, superseded decisions placed
// right after the decisions that replaced them, and for each answer the sentence that answers best, with its line.
// Pure: built from decisions and glossary terms; one index per decision graph and glossary (whyIndexOf).
import type { Decision, DecisionPassage, DecisionSectionKind, GlossaryTerm } from '../model';
import { unpackPassages } from '../decisions/passages';
import { FIELDS, NF, occurrences, Segment, SegmentBuilder, type Removed } from './segment';
import { planUpdate } from './update';
import type { FirstPassCompletion } from '../firstPass';
import type { IndexSnapshot } from '../snapshot';
import { isNegativeQuestion, words } from './words';

export { whyWork } from './segment';

export type WhyField = DecisionSectionKind | 'title' | 'tags';

export interface WhyAnswer {
  decision: Decision;
  score: number;
  /** The sentence that answers best, with its section and line; absent when the decision has no prose. */
  sentence?: DecisionPassage;
  /** Set when the decision is listed because it superseded a decision that matched (the id of that decision). */
  successorOf?: string;
}

const WEIGHTS: Record<WhyField, number> = { title: 4, tags: 2, decision: 1.5, context: 1, consequences: 1, options: 1, other: 0.5 };
/** In "why not X?" the considered options are where X is weighed. */
const NEGATIVE_WEIGHTS: Record<WhyField, number> = { ...WEIGHTS, options: 2 };
const SENTENCE_SECTION: Record<WhyField, number> = { title: 1, tags: 1, decision: 1.3, context: 1, consequences: 1.1, options: 1, other: 0.8 };
const K1 = 1.2;
const B = 0.75;
/** Weight of a synonym the glossary added, against a word the person typed. */
const SYNONYM_WEIGHT = 0.6;
const RATIONALE = /\b(?:because|so that|therefore|which means|in order to|so we|since)\b/i;

/**
 * BM25F over decisions, in a base segment and, after edits, a small overlay: an index made from an earlier one
 * (`basis`) keeps the earlier base, marks the decisions whose words changed or that are gone as removed from it,
 * and indexes only those changed or new decisions (with the earlier overlay's) into a new overlay. Scores are the
 * same as a new index's: document frequencies, lengths and counts are those of the live decisions. When the
 * overlay or the decisions removed from the base would pass a sixteenth of the decisions, it is built again whole.
 */
export class WhyIndex {
  /** The base segment, and the overlay when edits made one: a decision's position is `offsets[s]` + its local one. */
  private readonly segments: Segment[];
  private readonly offsets: number[];
  /** Each position's decision as the snapshot knows it (relations may have changed), undefined when removed. */
  private readonly current: (Decision | undefined)[];
  private readonly removed?: Removed;
  private readonly live: number;
  private readonly avgLength = new Float64Array(NF);
  /** The position of each live decision, by id: made when first asked (a successor to place, a later index). */
  private positionsById?: Map<string, number>;
  private readonly terms: readonly GlossaryTerm[];
  /** Each term's phrases (its name and aliases) as word lists, made when first asked; shared by the indexes of the same terms. */
  private readonly phrases: Map<GlossaryTerm, string[][]>;
  /** `about` answers per term, computed on first hover of the term and kept with the index. */
  private readonly aboutCache = new Map<GlossaryTerm, WhyAnswer[]>();

  /** `from`: an earlier index to update, or the segment of exactly these decisions, read in the background. */
  constructor(decisions: readonly Decision[], terms: readonly GlossaryTerm[] = [], from?: WhyIndex | Segment) {
    const basis = from instanceof WhyIndex ? from : undefined;
    const plan = basis && planUpdate(basis.segments, basis.positions, decisions);
    if (from instanceof Segment && from.decisions === decisions) {
      this.segments = [from];
      this.current = decisions.slice();
    } else if (plan && basis) {
      const reused = 'overlayCurrent' in plan;
      const overlay = reused ? plan.overlay : plan.overlay.length > 0 ? Segment.of(plan.overlay) : undefined;
      this.segments = overlay ? [basis.segments[0], overlay] : [basis.segments[0]];
      this.removed = plan.removed.count > 0 ? plan.removed : undefined;
      this.current = plan.base;
      for (const d of reused ? plan.overlayCurrent : plan.overlay) this.current.push(d);
    } else {
      this.segments = [Segment.of(decisions)];
      this.current = decisions.slice();
    }
    this.offsets = [0, this.segments[0].decisions.length];
    this.live = decisions.length;
    if (this.live > 0) {
      for (let f = 0; f < NF; f++) {
        let sum = 0;
        for (const seg of this.segments) sum += seg.lengthSums[f];
        if (this.removed) sum -= this.removed.lengths[f];
        this.avgLength[f] = Math.max(1, sum / this.live);
      }
    }
    this.terms = terms;
    this.phrases = basis && basis.terms === terms ? basis.phrases : new Map();
  }

  private phrasesOf(term: GlossaryTerm): string[][] {
    let phrases = this.phrases.get(term);
    if (!phrases) this.phrases.set(term, (phrases = [term.term, ...term.aliases].map(words).filter((p) => p.length > 0)));
    return phrases;
  }

  private get positions(): Map<string, number> {
    if (this.positionsById) return this.positionsById;
    const positions = new Map<string, number>();
    for (let pos = 0; pos < this.current.length; pos++) {
      const d = this.current[pos];
      if (d) positions.set(d.id, pos);
    }
    return (this.positionsById = positions);
  }

  private isRemoved(s: number, local: number): boolean {
    return s === 0 && this.removed !== undefined && this.removed.gone[local] === 1;
  }

  /** How many live decisions hold a word. */
  private df(w: string): number {
    let df = 0;
    for (let s = 0; s < this.segments.length; s++) {
      const id = this.segments[s].wordIds.get(w);
      if (id === undefined) continue;
      df += this.segments[s].df(id);
      if (s === 0 && this.removed) df -= this.removed.df.get(id) ?? 0;
    }
    return df;
  }

  /** The decisions that answer a free-text question, best first. */
  ask(question: string, limit = 10): WhyAnswer[] {
    const query = this.expand(question);
    if (query.size === 0) return [];
    const weights = isNegativeQuestion(question) ? NEGATIVE_WEIGHTS : WEIGHTS;
    const scores = this.score(query, weights);
    return this.answers(scores, query, limit);
  }

  /**
   * The decisions about a glossary term: the term (or a synonym) is in the title or tags, or it is central in the
   * body (stated in the decision itself, or used at least three times). Ranked like `ask`.
   */
  about(term: GlossaryTerm, limit = 10): WhyAnswer[] {
    // Hovering a term asks this again and again for the same snapshot: answered once per term and index.
    const key = limit === 10 ? term : undefined;
    const known = key && this.aboutCache.get(key);
    if (known) return known;
    const answers = this.computeAbout(term, limit);
    if (key) this.aboutCache.set(key, answers);
    return answers;
  }

  private computeAbout(term: GlossaryTerm, limit: number): WhyAnswer[] {
    const phrases = this.phrasesOf(term);
    if (phrases.length === 0) return [];
    const query = new Map<string, number>();
    for (const p of phrases) for (const w of p) query.set(w, 1);
    // Named in the title or tags first, then stated in the decision itself, then used throughout; BM25 within.
    const tiers = new Map<number, number>();
    for (const [doc, counts] of this.phraseCounts(phrases)) {
      let all = 0;
      for (let f = 0; f < NF; f++) all += counts[f];
      const tier = counts[0] > 0 || counts[1] > 0 ? 0 : counts[2] > 0 ? 1 : all >= 3 ? 2 : -1;
      if (tier >= 0) tiers.set(doc, tier);
    }
    // Only those decisions are scored (a term's words are common: most decisions holding one are not about it).
    const scores = this.scoreDecisions(query, WEIGHTS, tiers.keys());
    return this.answers(scores, query, limit, false, tiers);
  }

  /**
   * How often the phrases occur in each field of each live decision that holds one of them, by position. A
   * one-word phrase is counted from its postings; a longer one is looked for only in the decisions that hold its
   * rarest word: a term hover reads the decisions that name the term, not every decision that shares a word with it.
   */
  private phraseCounts(phrases: readonly string[][]): Map<number, Int32Array> {
    const counts = new Map<number, Int32Array>();
    const countsOf = (doc: number) => {
      let c = counts.get(doc);
      if (!c) counts.set(doc, (c = new Int32Array(NF)));
      return c;
    };
    for (let s = 0; s < this.segments.length; s++) {
      const seg = this.segments[s];
      for (const phrase of phrases) {
        const ids = phrase.map((w) => seg.wordIds.get(w) ?? -1);
        if (ids.includes(-1)) continue;
        let rarest = ids[0];
        for (const id of ids) if (seg.df(id) < seg.df(rarest)) rarest = id;
        for (let i = seg.postStart[rarest]; i < seg.postStart[rarest + 1]; i++) {
          const local = seg.postDocs[i];
          if (this.isRemoved(s, local)) continue;
          const doc = this.offsets[s] + local;
          if (ids.length === 1) {
            const c = countsOf(doc);
            for (let f = 0; f < NF; f++) c[f] += seg.postTf[i * NF + f];
            continue;
          }
          // The phrase's other words must be in the decision too, in the same field: found in their postings (sorted
          // by position) before the field's words are read.
          const at = ids.map((id) => (id === rarest ? i : seg.posting(id, local)));
          if (at.includes(-1)) continue;
          for (let f = 0; f < NF; f++) {
            if (at.some((j) => seg.postTf[j * NF + f] === 0)) continue;
            const n = occurrences(seg.docWords, ids, seg.fieldStart[local * NF + f], seg.fieldStart[local * NF + f + 1]);
            if (n > 0) countsOf(doc)[f] += n;
          }
        }
      }
    }
    return counts;
  }

  /** The question's words, each with its weight, plus the synonyms of every glossary term the question names. */
  private expand(question: string): Map<string, number> {
    const asked = words(question);
    const query = new Map<string, number>();
    for (const w of asked) query.set(w, 1);
    for (const term of this.terms) {
      const phrases = this.phrasesOf(term);
      if (!phrases.some((p) => occurrences(asked, p) > 0)) continue;
      for (const p of phrases) for (const w of p) if (!query.has(w)) query.set(w, SYNONYM_WEIGHT);
    }
    return query;
  }

  private score(query: Map<string, number>, weights: Record<WhyField, number>): Map<number, number> {
    const n = this.live;
    const scores = new Map<number, number>();
    for (const [w, qw] of query) {
      const df = this.df(w);
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let s = 0; s < this.segments.length; s++) {
        const seg = this.segments[s];
        const id = seg.wordIds.get(w);
        if (id === undefined) continue;
        const first = seg.postStart[id];
        const end = seg.postStart[id + 1];
        for (let i = first; i < end; i++) {
          const local = seg.postDocs[i];
          if (this.isRemoved(s, local)) continue;
          const doc = this.offsets[s] + local;
          scores.set(doc, (scores.get(doc) ?? 0) + qw * idf * this.saturated(seg, i, local, weights));
        }
      }
    }
    return scores;
  }

  /** BM25F's saturated weight of a word in a decision: the word's postings entry `i` for the decision `local`. */
  private saturated(seg: Segment, i: number, local: number, weights: Record<WhyField, number>): number {
    let weighted = 0;
    for (let f = 0; f < NF; f++) {
      const tf = seg.postTf[i * NF + f];
      if (tf === 0) continue;
      weighted += (weights[FIELDS[f]] * tf) / (1 - B + (B * seg.fieldLength(local, f)) / this.avgLength[f]);
    }
    return weighted / (K1 + weighted);
  }

  /**
   * `score` for the given decisions only: each word's postings entry found by binary search. The sums run over the
   * query's words in the same order, so the scores are `score`'s to the last bit.
   */
  private scoreDecisions(query: Map<string, number>, weights: Record<WhyField, number>, docs: Iterable<number>): Map<number, number> {
    const n = this.live;
    const terms: { qw: number; idf: number; ids: number[] }[] = [];
    for (const [w, qw] of query) {
      const df = this.df(w);
      if (df === 0) continue;
      terms.push({ qw, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), ids: this.segments.map((seg) => seg.wordIds.get(w) ?? -1) });
    }
    const scores = new Map<number, number>();
    for (const doc of docs) {
      const s = doc < this.offsets[1] ? 0 : 1;
      const seg = this.segments[s];
      const local = doc - this.offsets[s];
      let score: number | undefined;
      for (const t of terms) {
        const id = t.ids[s];
        const i = id < 0 ? -1 : seg.posting(id, local);
        if (i < 0) continue;
        score = (score ?? 0) + t.qw * t.idf * this.saturated(seg, i, local, weights);
      }
      if (score !== undefined) scores.set(doc, score);
    }
    return scores;
  }

  /** Best first, each superseded decision right after the decisions that replaced it (added when they did not match). */
  private answers(scores: Map<number, number>, query: Map<string, number>, limit: number, addSuccessors = true, tiers?: Map<number, number>): WhyAnswer[] {
    const tier = (doc: number) => tiers?.get(doc) ?? 0;
    const decision = (doc: number) => this.current[doc]!;
    const ranked = [...scores].sort((a, b) => tier(a[0]) - tier(b[0]) || b[1] - a[1] || compare(decision(a[0]).path, decision(b[0]).path));
    const scoreOf = new Map(ranked.map(([doc, s]) => [decision(doc).id, s]));
    const out: WhyAnswer[] = [];
    const placed = new Set<string>();
    const place = (d: Decision, successorOf: string | undefined, visiting: Set<string>) => {
      if (placed.has(d.id) || visiting.has(d.id)) return;
      visiting.add(d.id);
      for (const id of d.supersededBy) {
        const at = this.positions.get(id);
        const successor = at === undefined ? undefined : this.current[at];
        if (successor && (addSuccessors || scoreOf.has(id))) place(successor, scoreOf.has(id) ? undefined : d.id, visiting);
      }
      placed.add(d.id);
      const answer: WhyAnswer = { decision: d, score: scoreOf.get(d.id) ?? 0, sentence: this.sentence(d, query) };
      if (successorOf) answer.successorOf = successorOf;
      out.push(answer);
    };
    for (const [doc] of ranked) {
      if (out.length >= limit) break;
      place(decision(doc), undefined, new Set());
    }
    return out.slice(0, limit);
  }

  /** The sentence of a decision that shares the most (rare) words with the question, preferring the decision itself. */
  private sentence(d: Decision, query: Map<string, number>): DecisionPassage | undefined {
    const passages = unpackPassages(d.passages);
    let best: DecisionPassage | undefined;
    let bestScore = 0;
    for (const p of passages) {
      const ws = new Set(words(p.text));
      let s = 0;
      for (const [w, qw] of query) if (ws.has(w)) s += qw * this.idf(w);
      if (s === 0) continue;
      s *= SENTENCE_SECTION[p.section];
      if (RATIONALE.test(p.text)) s *= 1.15;
      if (s > bestScore) {
        best = p;
        bestScore = s;
      }
    }
    return best ?? passages.find((p) => p.section === 'decision') ?? passages[0];
  }

  private idf(w: string): number {
    const df = this.df(w);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The why-index of a snapshot, made on first use and kept on its decision graph. A snapshot reuses its
 * predecessor's graph (and glossary) when no decision (or term) changed, so an edit in code or in a view keeps the
 * index and its answers. After a decision or glossary edit the index is made from the last one the graphs before
 * carried (`whyBasis`): only the decisions whose words changed are read again, and a change of terms reads none.
 */
export function whyIndexOf(snapshot: IndexSnapshot): WhyIndex {
  const graph = snapshot.decisionGraph;
  if (graph.why && graph.why.terms === snapshot.terms) return graph.why.index;
  if (snapshot.firstPass) return provisionalWhyIndexOf(snapshot, snapshot.firstPass);
  // A base read in the background (prepareWhyIndex) is finished here when a question comes first.
  const read = graph.whyBuilding?.decisions === snapshot.decisions ? graph.whyBuilding.finish() : undefined;
  const index = new WhyIndex(snapshot.decisions, snapshot.terms, read ?? graph.why?.index ?? graph.whyBasis);
  graph.why = { terms: snapshot.terms, index };
  graph.whyBasis = graph.whyBuilding = undefined;
  return index;
}

/**
 * Reads the why-index of a snapshot in slices of at most `sliceMs`, giving the event loop a turn between them, so the
 * first term hover after the server's start does not wait seconds for it. Nothing is done when the snapshot has its
 * index or an earlier index to update. When edits made newer graphs meanwhile, the newest (`current`) is left the
 * index to update at its first question. `turn` gives the event loop its turn and says whether to go on.
 */
export async function prepareWhyIndex(snapshot: IndexSnapshot, current: () => IndexSnapshot, turn: () => Promise<boolean>, sliceMs: number): Promise<void> {
  const graph = snapshot.decisionGraph;
  if (graph.why || graph.whyBasis || graph.whyBuilding || snapshot.firstPass) return;
  const builder = (graph.whyBuilding = new SegmentBuilder(snapshot.decisions));
  while (!builder.addUntil(performance.now() + sliceMs)) {
    const goOn = await turn();
    if (graph.whyBuilding !== builder) return; // a question finished it
    if (!goOn) {
      graph.whyBuilding = undefined;
      return;
    }
  }
  const index = whyIndexOf(snapshot);
  const now = current().decisionGraph;
  if (!now.why && !now.whyBasis) now.whyBasis = index;
}

/**
 * While documents are analysed in full in the background after the first pass, every document completed makes a new
 * decision graph: building the index again for each would cost a pass over every decision per hover (seconds at
 * 10,000 decisions, and as often as the person hovers). One index, built at the first question of that pass from
 * what was read by then, is kept on the pass's round until the pass is over; it is never left on a graph, so the first snapshot with
 * every document in full builds the index of their whole text. Its answers are decisions as they were when it was
 * built: callers show them as the snapshot knows them now (`snapshot.decision(id)`).
 */
function provisionalWhyIndexOf(snapshot: IndexSnapshot, pass: FirstPassCompletion): WhyIndex {
  const held = pass.round.why;
  if (held && held.terms === snapshot.terms) return held.index;
  const index = new WhyIndex(snapshot.decisions, snapshot.terms);
  pass.round.why = { terms: snapshot.terms, index };
  return index;
}
