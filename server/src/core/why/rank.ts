// "Why did we pick X?": BM25F over the sections of each decision (title, tags, context, decision, consequences,
// considered options), with the question's glossary terms expanded to their synonyms, superseded decisions placed
// right after the decisions that replaced them, and for each answer the sentence that answers best, with its line.
// Pure: built from decisions and glossary terms; one index per snapshot (whyIndexOf).
import type { Decision, DecisionPassage, DecisionSectionKind, GlossaryTerm } from '../model';
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

interface Posting {
  doc: number;
  tf: Float64Array; // per field, in FIELDS order
}

interface DocEntry {
  decision: Decision;
  lengths: Float64Array;
  /** Stemmed words per field, for phrase checks (term hovers). */
  fieldWords: string[][];
}

export class WhyIndex {
  private readonly docs: DocEntry[] = [];
  private readonly postings = new Map<string, Posting[]>();
  private readonly avgLength = new Float64Array(FIELDS.length);
  private readonly byId = new Map<string, Decision>();
  /** Each glossary term's phrases (term and aliases) as word lists. */
  private readonly synonyms: string[][][];

  constructor(decisions: readonly Decision[], terms: readonly GlossaryTerm[] = []) {
    for (const d of decisions) {
      this.byId.set(d.id, d);
      const fieldWords = FIELDS.map(() => [] as string[]);
      fieldWords[0] = words(d.title);
      fieldWords[1] = d.tags.flatMap((t) => words(t));
      for (const p of d.passages ?? []) fieldWords[FIELDS.indexOf(p.section)].push(...words(p.text));
      const doc = this.docs.length;
      const lengths = new Float64Array(FIELDS.map((_, f) => fieldWords[f].length));
      this.docs.push({ decision: d, lengths, fieldWords });
      const local = new Map<string, Float64Array>();
      fieldWords.forEach((ws, f) => {
        for (const w of ws) {
          let tf = local.get(w);
          if (!tf) local.set(w, (tf = new Float64Array(FIELDS.length)));
          tf[f]++;
        }
      });
      for (const [w, tf] of local) {
        const list = this.postings.get(w);
        if (list) list.push({ doc, tf });
        else this.postings.set(w, [{ doc, tf }]);
      }
      lengths.forEach((n, f) => (this.avgLength[f] += n));
    }
    if (this.docs.length) this.avgLength.forEach((n, f) => (this.avgLength[f] = Math.max(1, n / this.docs.length)));
    this.synonyms = terms.map((t) => [t.term, ...t.aliases].map(words).filter((p) => p.length > 0));
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
    const phrases = [term.term, ...term.aliases].map(words).filter((p) => p.length > 0);
    if (phrases.length === 0) return [];
    const query = new Map<string, number>();
    for (const p of phrases) for (const w of p) query.set(w, 1);
    const scores = this.score(query, WEIGHTS);
    // Named in the title or tags first, then stated in the decision itself, then used throughout; BM25 within.
    const tiers = new Map<number, number>();
    for (const doc of scores.keys()) {
      const f = this.docs[doc].fieldWords;
      const count = (ws: string[]) => phrases.reduce((n, p) => n + occurrences(ws, p), 0);
      const tier = count(f[0]) > 0 || count(f[1]) > 0 ? 0 : count(f[2]) > 0 ? 1 : f.reduce((n, ws) => n + count(ws), 0) >= 3 ? 2 : -1;
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
    const n = this.docs.length;
    const scores = new Map<number, number>();
    for (const [w, qw] of query) {
      const list = this.postings.get(w);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const lengths = this.docs[doc].lengths;
        let weighted = 0;
        for (let f = 0; f < FIELDS.length; f++) {
          if (tf[f] === 0) continue;
          weighted += (weights[FIELDS[f]] * tf[f]) / (1 - B + (B * lengths[f]) / this.avgLength[f]);
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
      (a, b) => tier(a[0]) - tier(b[0]) || b[1] - a[1] || compare(this.docs[a[0]].decision.path, this.docs[b[0]].decision.path),
    );
    const scoreOf = new Map(ranked.map(([doc, s]) => [this.docs[doc].decision.id, s]));
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
      place(this.docs[doc].decision, undefined, new Set());
    }
    return out.slice(0, limit);
  }

  /** The sentence of a decision that shares the most (rare) words with the question, preferring the decision itself. */
  private sentence(d: Decision, query: Map<string, number>): DecisionPassage | undefined {
    const passages = d.passages ?? [];
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
    const df = this.postings.get(w)?.length ?? 0;
    return Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
  }
}

/** How often a phrase (a word list) occurs in a word list. */
function occurrences(ws: string[], phrase: string[]): number {
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

const indexes = new WeakMap<IndexSnapshot, WhyIndex>();

/** The why-index of a snapshot, built on first use and kept as long as the snapshot is. */
export function whyIndexOf(snapshot: IndexSnapshot): WhyIndex {
  let index = indexes.get(snapshot);
  if (!index) indexes.set(snapshot, (index = new WhyIndex(snapshot.decisions, snapshot.terms)));
  return index;
}
