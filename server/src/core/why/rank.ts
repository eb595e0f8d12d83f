// "Why did we pick X?": BM25F over the sections of each decision (title, tags, context, decision, consequences,
// considered options), with the question's glossary terms expanded to their synonyms, superseded decisions placed
// right after the decisions that replaced them, and for each answer the sentence that answers best, with its line.
// Pure: built from decisions and glossary terms; one index per decision graph and glossary (whyIndexOf).
import type { Decision, DecisionPassage, DecisionSectionKind, GlossaryTerm } from '../model';
import { unpackPassages } from '../decisions/passages';
import type { FirstPassCompletion } from '../firstPass';
import type { IndexSnapshot } from '../snapshot';
import { isNegativeQuestion, words } from './words';

export type WhyField = DecisionSectionKind | 'title' | 'tags';

export interface WhyAnswer {
  decision: Decision;
  score: number;
  /** The sentence that answers best, with its section and line; absent when the decision has no prose. */
  sentence?: DecisionPassage;
  /** Set when the decision is listed because it superseded a decision that matched (the id of that decision). */
  successorOf?: string;
}

const FIELDS: WhyField[] = ['title', 'tags', 'decision', 'context', 'consequences', 'options', 'other'];
const WEIGHTS: Record<WhyField, number> = { title: 4, tags: 2, decision: 1.5, context: 1, consequences: 1, options: 1, other: 0.5 };
/** In "why not X?" the considered options are where X is weighed. */
const NEGATIVE_WEIGHTS: Record<WhyField, number> = { ...WEIGHTS, options: 2 };
const SENTENCE_SECTION: Record<WhyField, number> = { title: 1, tags: 1, decision: 1.3, context: 1, consequences: 1.1, options: 1, other: 0.8 };
const K1 = 1.2;
const B = 0.75;
/** Weight of a synonym the glossary added, against a word the person typed. */
const SYNONYM_WEIGHT = 0.6;
const RATIONALE = /\b(?:because|so that|therefore|which means|in order to|so we|since)\b/i;

const NF = FIELDS.length;

/** Decisions whose words the why-index read, over every build and update (tests count them: an edit reads one). */
export const whyWork = { decisions: 0 };

/**
 * The words of a list of decisions, packed into a few typed arrays rather than an object and typed arrays per word
 * and per decision: at 10,000 decisions and tens of thousands of distinct words, the headers of those small arrays
 * outweighed the numbers in them. Immutable once built; an index is one or two segments.
 *
 * Postings, by word id: the decisions holding word `w` are `postDocs[postStart[w] .. postStart[w + 1])` (positions
 * in `decisions`), and `postTf[i * NF + f]` counts the occurrences of the word in field f of the i-th of them.
 * Word ids of each decision's fields, for phrase checks (term hovers): field f of decision d is
 * `docWords[fieldStart[d * NF + f] .. fieldStart[d * NF + f + 1])`, so its length is the difference.
 */
class Segment {
  /** The decisions as they were indexed: what a later index compares a decision's text with. */
  readonly decisions: readonly Decision[];
  readonly postStart: Int32Array;
  readonly postDocs: Int32Array;
  readonly postTf: Uint16Array;
  readonly fieldStart: Int32Array;
  readonly docWords: Int32Array;
  /** Each distinct word's id. */
  readonly wordIds = new Map<string, number>();
  /** The number of words in each field, over every decision of the segment. */
  readonly lengthSums = new Float64Array(NF);

  constructor(decisions: readonly Decision[]) {
    this.decisions = decisions;
    whyWork.decisions += decisions.length;
    // Built in growing JavaScript lists, then packed; the lists are garbage once the constructor returns.
    const building: { docs: number[]; tf: number[] }[] = [];
    const fieldStart = new Int32Array(decisions.length * NF + 1);
    let docWords = new Int32Array(1024);
    let used = 0;
    for (let doc = 0; doc < decisions.length; doc++) {
      const d = decisions[doc];
      const fieldWords = FIELDS.map(() => [] as string[]);
      fieldWords[0] = words(d.title);
      fieldWords[1] = d.tags.flatMap((t) => words(t));
      for (const p of unpackPassages(d.passages)) {
        const list = fieldWords[FIELDS.indexOf(p.section)];
        for (const w of words(p.text)) list.push(w);
      }
      const local = new Map<number, number[]>();
      for (let f = 0; f < NF; f++) {
        const ws = fieldWords[f];
        fieldStart[doc * NF + f] = used;
        if (used + ws.length > docWords.length) {
          const grown = new Int32Array(Math.max(docWords.length * 2, used + ws.length));
          grown.set(docWords.subarray(0, used));
          docWords = grown;
        }
        for (const w of ws) {
          let id = this.wordIds.get(w);
          if (id === undefined) {
            this.wordIds.set(w, (id = this.wordIds.size));
            building.push({ docs: [], tf: [] });
          }
          docWords[used++] = id;
          let tf = local.get(id);
          if (!tf) local.set(id, (tf = new Array<number>(NF).fill(0)));
          tf[f]++;
        }
        this.lengthSums[f] += ws.length;
      }
      for (const [id, tf] of local) {
        const list = building[id];
        list.docs.push(doc);
        for (const n of tf) list.tf.push(Math.min(n, 0xffff));
      }
    }
    fieldStart[decisions.length * NF] = used;
    this.fieldStart = fieldStart;
    this.docWords = docWords.slice(0, used);
    this.postStart = new Int32Array(building.length + 1);
    let total = 0;
    for (let w = 0; w < building.length; w++) {
      this.postStart[w] = total;
      total += building[w].docs.length;
    }
    this.postStart[building.length] = total;
    this.postDocs = new Int32Array(total);
    this.postTf = new Uint16Array(total * NF);
    for (let w = 0; w < building.length; w++) {
      this.postDocs.set(building[w].docs, this.postStart[w]);
      this.postTf.set(building[w].tf, this.postStart[w] * NF);
    }
  }

  /** The word ids of field f of a decision. */
  fieldWords(doc: number, f: number): Int32Array {
    return this.docWords.subarray(this.fieldStart[doc * NF + f], this.fieldStart[doc * NF + f + 1]);
  }

  fieldLength(doc: number, f: number): number {
    return this.fieldStart[doc * NF + f + 1] - this.fieldStart[doc * NF + f];
  }

  df(id: number): number {
    return this.postStart[id + 1] - this.postStart[id];
  }
}

/**
 * The decisions an edit left out of a segment: which of its positions are gone, how many of them hold each word
 * (so document frequencies stay those of the live decisions) and the words they counted per field.
 */
interface Removed {
  gone: Uint8Array;
  count: number;
  df: Map<number, number>;
  lengths: Float64Array;
}

/** Does the index's copy of a decision have the same words as `d` (title, tags, prose)? */
function sameWords(a: Decision, b: Decision): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.title !== b.title || a.tags.length !== b.tags.length) return false;
  for (let i = 0; i < a.tags.length; i++) if (a.tags[i] !== b.tags[i]) return false;
  const pa = a.passages;
  const pb = b.passages;
  if (pa === pb) return true;
  if (!pa || !pb || pa.text !== pb.text || pa.meta.length !== pb.meta.length) return false;
  for (let i = 0; i < pa.meta.length; i++) if (pa.meta[i] !== pb.meta[i]) return false;
  return true;
}

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
  private readonly byId = new Map<string, Decision>();
  /** The position of each live decision, by id: what a later index matches decisions with. */
  private readonly positions = new Map<string, number>();
  /** Each glossary term's phrases (term and aliases) as word lists. */
  private readonly synonyms: string[][][];
  /** `about` answers per term, computed on first hover of the term and kept with the index. */
  private readonly aboutCache = new Map<GlossaryTerm, WhyAnswer[]>();

  constructor(decisions: readonly Decision[], terms: readonly GlossaryTerm[] = [], basis?: WhyIndex) {
    const plan = basis?.planFor(decisions);
    if (plan && basis) {
      const reused = 'overlayCurrent' in plan;
      const overlay = reused ? plan.overlay : plan.overlay.length > 0 ? new Segment(plan.overlay) : undefined;
      this.segments = overlay ? [basis.segments[0], overlay] : [basis.segments[0]];
      this.removed = plan.removed.count > 0 ? plan.removed : undefined;
      this.current = plan.base;
      for (const d of reused ? plan.overlayCurrent : plan.overlay) this.current.push(d);
    } else {
      this.segments = [new Segment(decisions)];
      this.current = decisions.slice();
    }
    this.offsets = [0, this.segments[0].decisions.length];
    this.live = decisions.length;
    for (let pos = 0; pos < this.current.length; pos++) {
      const d = this.current[pos];
      if (!d) continue;
      this.byId.set(d.id, d);
      this.positions.set(d.id, pos);
    }
    if (this.live > 0) {
      for (let f = 0; f < NF; f++) {
        let sum = 0;
        for (const seg of this.segments) sum += seg.lengthSums[f];
        if (this.removed) sum -= this.removed.lengths[f];
        this.avgLength[f] = Math.max(1, sum / this.live);
      }
    }
    this.synonyms = terms.map((t) => [t.term, ...t.aliases].map(words).filter((p) => p.length > 0));
  }

  /**
   * How an index of `decisions` is made from this one: the base's positions with the decisions that keep their
   * words, the removed ones, and the overlay: this index's own when it keeps every decision of it and nothing is
   * new (a glossary edit, a relation changed), else the decisions to index into a new one. Undefined when building
   * anew costs less: the overlay, or the decisions removed from the base, would pass a sixteenth of the decisions.
   */
  private planFor(
    decisions: readonly Decision[],
  ): { base: (Decision | undefined)[]; removed: Removed; overlay: Decision[] } | { base: (Decision | undefined)[]; removed: Removed; overlay: Segment; overlayCurrent: Decision[] } | undefined {
    const base = this.segments[0];
    const baseCount = base.decisions.length;
    const overlayCount = this.segments[1]?.decisions.length ?? 0;
    const budget = Math.max(64, Math.floor(decisions.length / 16));
    const kept: (Decision | undefined)[] = new Array(baseCount).fill(undefined);
    const overlayKept: Decision[] = new Array(overlayCount);
    let overlayKeptCount = 0;
    const fresh: Decision[] = [];
    for (const d of decisions) {
      const pos = this.positions.get(d.id);
      if (pos !== undefined && sameWords(this.indexed(pos), d)) {
        if (pos < baseCount) {
          if (kept[pos] === undefined) {
            kept[pos] = d;
            continue;
          }
        } else if (overlayKept[pos - baseCount] === undefined) {
          overlayKept[pos - baseCount] = d;
          overlayKeptCount++;
          continue;
        }
      }
      fresh.push(d);
      if (overlayKeptCount + fresh.length > budget) return undefined;
    }
    const removed: Removed = { gone: new Uint8Array(baseCount), count: 0, df: new Map(), lengths: new Float64Array(NF) };
    for (let pos = 0; pos < baseCount; pos++) {
      if (kept[pos]) continue;
      removed.gone[pos] = 1;
      if (++removed.count > budget) return undefined;
      const seen = new Set<number>();
      for (let f = 0; f < NF; f++) {
        const ws = base.fieldWords(pos, f);
        removed.lengths[f] += ws.length;
        for (const id of ws) seen.add(id);
      }
      for (const id of seen) removed.df.set(id, (removed.df.get(id) ?? 0) + 1);
    }
    if (fresh.length === 0 && overlayKeptCount === overlayCount && overlayCount > 0) return { base: kept, removed, overlay: this.segments[1], overlayCurrent: overlayKept };
    const overlay = overlayKept.filter((d) => d !== undefined);
    for (const d of fresh) overlay.push(d);
    return { base: kept, removed, overlay };
  }

  /** The decision at a position as its segment indexed it. */
  private indexed(pos: number): Decision {
    return pos < this.offsets[1] ? this.segments[0].decisions[pos] : this.segments[1].decisions[pos - this.offsets[1]];
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
    const phrases = [term.term, ...term.aliases].map(words).filter((p) => p.length > 0);
    if (phrases.length === 0) return [];
    const query = new Map<string, number>();
    for (const p of phrases) for (const w of p) query.set(w, 1);
    const scores = this.score(query, WEIGHTS);
    // A phrase with a word no decision uses occurs nowhere (-1 matches no id); word ids are each segment's own.
    const phraseIds = this.segments.map((seg) => phrases.map((p) => p.map((w) => seg.wordIds.get(w) ?? -1)));
    // Named in the title or tags first, then stated in the decision itself, then used throughout; BM25 within.
    const tiers = new Map<number, number>();
    for (const doc of scores.keys()) {
      const s = doc < this.offsets[1] ? 0 : 1;
      const seg = this.segments[s];
      const local = doc - this.offsets[s];
      const count = (f: number) => phraseIds[s].reduce((n, p) => n + occurrences(seg.fieldWords(local, f), p), 0);
      let all = 0;
      for (let f = 0; f < NF && all < 3; f++) all += count(f);
      const tier = count(0) > 0 || count(1) > 0 ? 0 : count(2) > 0 ? 1 : all >= 3 ? 2 : -1;
      if (tier >= 0) tiers.set(doc, tier);
      else scores.delete(doc);
    }
    return this.answers(scores, query, limit, false, tiers);
  }

  /** The question's words, each with its weight, plus the synonyms of every glossary term the question names. */
  private expand(question: string): Map<string, number> {
    const asked = words(question);
    const query = new Map<string, number>();
    for (const w of asked) query.set(w, 1);
    for (const phrases of this.synonyms) {
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
          let weighted = 0;
          for (let f = 0; f < NF; f++) {
            const tf = seg.postTf[i * NF + f];
            if (tf === 0) continue;
            weighted += (weights[FIELDS[f]] * tf) / (1 - B + (B * seg.fieldLength(local, f)) / this.avgLength[f]);
          }
          const doc = this.offsets[s] + local;
          scores.set(doc, (scores.get(doc) ?? 0) + qw * idf * (weighted / (K1 + weighted)));
        }
      }
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
        const successor = this.byId.get(id);
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

/** How often a phrase (a word list) occurs in a word list. */
function occurrences<T extends ArrayLike<unknown>>(ws: T, phrase: ArrayLike<unknown>): number {
  let n = 0;
  for (let i = 0; i + phrase.length <= ws.length; i++) {
    let k = 0;
    while (k < phrase.length && ws[i + k] === phrase[k]) k++;
    if (k === phrase.length) n++;
  }
  return n;
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
  const index = new WhyIndex(snapshot.decisions, snapshot.terms, graph.why?.index ?? graph.whyBasis);
  graph.why = { terms: snapshot.terms, index };
  graph.whyBasis = undefined;
  return index;
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
