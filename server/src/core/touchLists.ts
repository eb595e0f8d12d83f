// The ordinals of the commits that touched each path of the history model, ascending, packed into two typed
// arrays: path id `p`'s are `ords[start[p] .. start[p + 1])`. One pair of arrays instead of a JavaScript array per
// path: at 110,000 paths and 50,000 commits the arrays' headers and spare capacity were a fifth of the model.
// Ordinals are added in ascending order per path (a rebuild starts from empty); `pack` merges the added ones in.

export class TouchLists {
  private start = new Int32Array(1);
  private ords = new Int32Array(0);
  /** Ordinals added since the last pack, by path id: newer than every packed ordinal of the path. */
  private pending = new Map<number, number[]>();

  add(id: number, ord: number): void {
    let list = this.pending.get(id);
    if (!list) this.pending.set(id, (list = []));
    const n = list.length;
    if (n === 0 || list[n - 1] !== ord) list.push(ord);
  }

  /** Merges the added ordinals in; `paths` is the number of path ids (at least one more than the largest). */
  pack(paths: number): void {
    if (this.pending.size === 0) return;
    const oldStart = this.start;
    const oldPaths = oldStart.length - 1;
    let extra = 0;
    for (const list of this.pending.values()) extra += list.length;
    const start = new Int32Array(paths + 1);
    const ords = new Int32Array(this.ords.length + extra);
    let at = 0;
    for (let p = 0; p < paths; p++) {
      start[p] = at;
      if (p < oldPaths) {
        ords.set(this.ords.subarray(oldStart[p], oldStart[p + 1]), at);
        at += oldStart[p + 1] - oldStart[p];
      }
      const list = this.pending.get(p);
      if (list) {
        ords.set(list, at);
        at += list.length;
      }
    }
    start[paths] = at;
    this.start = start;
    this.ords = ords;
    this.pending = new Map();
  }

  /** Where a path's ordinals begin (an index for `ord`). */
  from(id: number): number {
    return id + 1 < this.start.length ? this.start[id] : 0;
  }

  /** The index of the path's last ordinal below `bound`, or `from(id) - 1` when there is none. */
  lastBelow(id: number, bound: number): number {
    if (id + 1 >= this.start.length) return -1;
    const from = this.start[id];
    const to = this.start[id + 1];
    if (bound === Infinity || to === from || this.ords[to - 1] < bound) return to - 1;
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ords[mid] < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  ord(index: number): number {
    return this.ords[index];
  }
}
