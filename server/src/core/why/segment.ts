// The packed words of a list of decisions (a segment of the why-index), and what an index made from an earlier one
// needs to compare and discount: which decisions keep their words, and the decisions removed from a segment.
import type { Decision } from '../model';
import { unpackPassages } from '../decisions/passages';
import type { WhyField } from './rank';
import { words } from './words';

export const FIELDS: WhyField[] = ['title', 'tags', 'decision', 'context', 'consequences', 'options', 'other'];
export const NF = FIELDS.length;

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
export class Segment {
  /** The decisions as they were indexed: what a later index compares a decision's text with. */
  readonly decisions: readonly Decision[];
  readonly postStart: Int32Array;
  readonly postDocs: Int32Array;
  readonly postTf: Uint16Array;
  readonly fieldStart: Int32Array;
  readonly docWords: Int32Array;
  /** Each distinct word's id. */
  readonly wordIds: Map<string, number>;
  /** The number of words in each field, over every decision of the segment. */
  readonly lengthSums: Float64Array;

  /** The segment of decisions, read at once. */
  static of(decisions: readonly Decision[]): Segment {
    const builder = new SegmentBuilder(decisions);
    builder.addUntil(Infinity);
    return builder.finish();
  }

  constructor(built: SegmentBuilder) {
    this.decisions = built.decisions;
    this.wordIds = built.wordIds;
    this.lengthSums = built.lengthSums;
    const { building, used } = built;
    this.fieldStart = built.fieldStart;
    this.docWords = built.docWords.slice(0, used);
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

  /** Where a decision is in a word's postings, -1 when it does not hold the word. */
  posting(id: number, doc: number): number {
    let lo = this.postStart[id];
    let hi = this.postStart[id + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.postDocs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.postStart[id + 1] && this.postDocs[lo] === doc ? lo : -1;
  }
}

/**
 * A segment read a slice at a time (the server prepares the why-index in the background after its start, in
 * slices that leave requests their turn); growing JavaScript lists until `finish` packs them.
 */
export class SegmentBuilder {
  readonly wordIds = new Map<string, number>();
  readonly lengthSums = new Float64Array(NF);
  readonly building: { docs: number[]; tf: number[] }[] = [];
  readonly fieldStart: Int32Array;
  docWords = new Int32Array(1024);
  used = 0;
  /** How many decisions were read so far. */
  private next = 0;

  constructor(readonly decisions: readonly Decision[]) {
    this.fieldStart = new Int32Array(decisions.length * NF + 1);
  }

  get done(): boolean {
    return this.next >= this.decisions.length;
  }

  /** Reads decisions until all are read or `performance.now()` passes `deadline`; true when all are read. */
  addUntil(deadline: number): boolean {
    const { decisions, fieldStart, building } = this;
    const start = this.next;
    for (; this.next < decisions.length; this.next++) {
      if (this.next > start && (this.next & 15) === 0 && performance.now() >= deadline) break;
      const doc = this.next;
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
        fieldStart[doc * NF + f] = this.used;
        if (this.used + ws.length > this.docWords.length) {
          const grown = new Int32Array(Math.max(this.docWords.length * 2, this.used + ws.length));
          grown.set(this.docWords.subarray(0, this.used));
          this.docWords = grown;
        }
        for (const w of ws) {
          let id = this.wordIds.get(w);
          if (id === undefined) {
            this.wordIds.set(w, (id = this.wordIds.size));
            building.push({ docs: [], tf: [] });
          }
          this.docWords[this.used++] = id;
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
    whyWork.decisions += this.next - start;
    return this.done;
  }

  /** Reads what is left and packs the segment. */
  finish(): Segment {
    this.addUntil(Infinity);
    this.fieldStart[this.decisions.length * NF] = this.used;
    return new Segment(this);
  }
}

/**
 * The decisions an edit left out of a segment: which of its positions are gone, how many of them hold each word
 * (so document frequencies stay those of the live decisions) and the words they counted per field.
 */
export interface Removed {
  gone: Uint8Array;
  count: number;
  df: Map<number, number>;
  lengths: Float64Array;
}

/** Does the index's copy of a decision have the same words as `d` (title, tags, prose)? */
export function sameWords(a: Decision, b: Decision): boolean {
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

/** How often a phrase (a word list) occurs in a word list, or in `ws[start .. end)`. */
export function occurrences<T extends ArrayLike<unknown>>(ws: T, phrase: ArrayLike<unknown>, start = 0, end = ws.length): number {
  let n = 0;
  for (let i = start; i + phrase.length <= end; i++) {
    let k = 0;
    while (k < phrase.length && ws[i + k] === phrase[k]) k++;
    if (k === phrase.length) n++;
  }
  return n;
}
