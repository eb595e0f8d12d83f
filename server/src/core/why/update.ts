// How a why-index is made from an earlier one after edits: which decisions of its base keep their words, which are
// removed, and what the new overlay holds (rank.ts WhyIndex).
import type { Decision } from '../model';
import { NF, sameWords, type Removed, type Segment } from './segment';

/** The base's positions with the decisions as they are now (undefined where removed), and the overlay's. */
export type UpdatePlan =
  | { base: (Decision | undefined)[]; removed: Removed; overlay: Decision[] }
  | { base: (Decision | undefined)[]; removed: Removed; overlay: Segment; overlayCurrent: Decision[] };

/**
 * How an index of `decisions` is made from an earlier one (its segments and the positions of its decisions): the
 * base's positions with the decisions that keep their words, the removed ones, and the overlay: the earlier one's
 * own when it keeps every decision of it and nothing is new (a glossary edit, a relation changed), else the
 * decisions to index into a new one. Undefined when building anew costs less: the overlay, or the decisions removed
 * from the base, would pass a sixteenth of the decisions.
 */
export function planUpdate(segments: readonly Segment[], positions: ReadonlyMap<string, number>, decisions: readonly Decision[]): UpdatePlan | undefined {
  const base = segments[0];
  const baseCount = base.decisions.length;
  const overlayCount = segments[1]?.decisions.length ?? 0;
  const budget = Math.max(64, Math.floor(decisions.length / 16));
  const kept: (Decision | undefined)[] = new Array(baseCount).fill(undefined);
  const overlayKept: Decision[] = new Array(overlayCount);
  let overlayKeptCount = 0;
  const fresh: Decision[] = [];
  for (const d of decisions) {
    const pos = positions.get(d.id);
    if (pos !== undefined && sameWords(pos < baseCount ? base.decisions[pos] : segments[1].decisions[pos - baseCount], d)) {
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
  if (fresh.length === 0 && overlayKeptCount === overlayCount && overlayCount > 0) return { base: kept, removed, overlay: segments[1], overlayCurrent: overlayKept };
  const overlay = overlayKept.filter((d) => d !== undefined);
  for (const d of fresh) overlay.push(d);
  return { base: kept, removed, overlay };
}
