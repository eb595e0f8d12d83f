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

/**
 * The index is packed into a few typed arrays rather than an object and typed arrays per word and per decision: at
 * 10,000 decisions and tens of thousands of distinct words, the headers of those small arrays outweighed the
 * numbers in them.
 *
 * Postings, by word id: the decisions holding word `w` are `postDocs[postStart[w] .. postStart[w + 1])` (positions
 * in `decisions`), and `postTf[i * NF + f]` counts the occurrences of the word in field f of the i-th of them.
 * Word ids of each decision's fields, for phrase checks (term hovers): field f of decision d is
 * `docWords[fieldStart[d * NF + f] .. fieldStart[d * NF + f + 1])`, so its length is the difference.
 */
export class WhyIndex {
  private readonly decisions: Decision[] = [];
  private readonly postStart: Int32Array;
  private readonly postDocs: Int32Array;
  private readonly postTf: Uint16Array;
  private readonly fieldStart: Int32Array;
  private readonly docWords: Int32Array;
  /** Each distinct word's id. */
  private readonly wordIds = new Map<string, number>();
  private readonly avgLength = new Float64Array(NF);
  private readonly byId = new Map<string, Decision>();
  /** Each glossary term's phrases (term and aliases) as word lists. */
  private readonly synonyms: string[][][];
  /** `about` answers per term, computed on first hover of the term and kept with the index. */
  private readonly aboutCache = new Map<GlossaryTerm, WhyAnswer[]>();

  constructor(decisions: readonly Decision[], terms: readonly GlossaryTerm[] = []) {
    // Built in growing JavaScript lists, then packed; the lists are garbage once the constructor returns.
    const building: { docs: number[]; tf: number[] }[] = [];
    const fieldStart = new Int32Array(decisions.length * NF + 1);
    let docWords = new Int32Array(1024);
    let used = 0;
    for (const d of decisions) {
      this.byId.set(d.id, d);
      const fieldWords = FIELDS.map(() => [] as string[]);
      fieldWords[0] = words(d.title);
      fieldWords[1] = d.tags.flatMap((t) => words(t));
      for (const p of unpackPassages(d.passages)) {
        const list = fieldWords[FIELDS.indexOf(p.section)];
        for (const w of words(p.text)) list.push(w);
      }
      const doc = this.decisions.push(d) - 1;
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
        this.avgLength[f] += ws.length;
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
    if (this.decisions.length) this.avgLength.forEach((n, f) => (this.avgLength[f] = Math.max(1, n / this.decisions.length)));
    this.synonyms = terms.map((t) => [t.term, ...t.aliases].map(words).filter((p) => p.length > 0));
  }

  /** The word ids of field f of a decision. */
  private fieldWords(doc: number, f: number): Int32Array {
    return this.docWords.subarray(this.fieldStart[doc * NF + f], this.fieldStart[doc * NF + f + 1]);
  }

  private fieldLength(doc: number, f: number): number {
    return this.fieldStart[doc * NF + f + 1] - this.fieldStart[doc * NF + f];
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
    // A phrase with a word no decision uses occurs nowhere (-1 matches no id).
    const phraseIds = phrases.map((p) => p.map((w) => this.wordIds.get(w) ?? -1));
    // Named in the title or tags first, then stated in the decision itself, then used throughout; BM25 within.
    const tiers = new Map<number, number>();
    for (const doc of scores.keys()) {
      const count = (f: number) => phraseIds.reduce((n, p) => n + occurrences(this.fieldWords(doc, f), p), 0);
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
    const n = this.decisions.length;
    const scores = new Map<number, number>();
    for (const [w, qw] of query) {
      const id = this.wordIds.get(w);
      if (id === undefined) continue;
      const first = this.postStart[id];
      const df = this.postStart[id + 1] - first;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = first; i < first + df; i++) {
        const doc = this.postDocs[i];
        let weighted = 0;
        for (let f = 0; f < NF; f++) {
          const tf = this.postTf[i * NF + f];
          if (tf === 0) continue;
          weighted += (weights[FIELDS[f]] * tf) / (1 - B + (B * this.fieldLength(doc, f)) / this.avgLength[f]);
        }
        scores.set(doc, (scores.get(doc) ?? 0) + qw * idf * (weighted / (K1 + weighted)));
      }
    }
    return scores;
  }

  /** Best first, each superseded decision right after the decisions that replaced it (added when they did not match). */
  private answers(scores: Map<number, number>, query: Map<string, number>, limit: number, addSuccessors = true, tiers?: Map<number, number>): WhyAnswer[] {
    const tier = (doc: number) => tiers?.get(doc) ?? 0;
    const ranked = [...scores].sort(
      (a, b) => tier(a[0]) - tier(b[0]) || b[1] - a[1] || compare(this.decisions[a[0]].path, this.decisions[b[0]].path),
    );
    const scoreOf = new Map(ranked.map(([doc, s]) => [this.decisions[doc].id, s]));
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
      place(this.decisions[doc], undefined, new Set());
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
    const id = this.wordIds.get(w);
    const df = id === undefined ? 0 : this.postStart[id + 1] - this.postStart[id];
    return Math.log(1 + (this.decisions.length - df + 0.5) / (df + 0.5));
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
 * The why-index of a snapshot, built on first use and kept on its decision graph. A snapshot reuses its
 * predecessor's graph (and glossary) when no decision (or term) changed, so an edit in code or in a view keeps the
 * index and its answers; a change of terms builds it again.
 */
export function whyIndexOf(snapshot: IndexSnapshot): WhyIndex {
  const graph = snapshot.decisionGraph;
  if (graph.why && graph.why.terms === snapshot.terms) return graph.why.index;
  if (snapshot.firstPass) return provisionalWhyIndexOf(snapshot, snapshot.firstPass);
  const index = new WhyIndex(snapshot.decisions, snapshot.terms);
  graph.why = { terms: snapshot.terms, index };
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
