// An immutable map that a change copies in proportion to what changed, not to its size: a shared base and a small
// overlay of the keys set or removed since. An edit makes the next map from the last by writing one or two keys,
// while the maps of earlier snapshots stay as they were for whoever still reads them. When the overlay grows past a
// bound it is folded into a new base (a full copy, once per that many changed keys).

/** The reading side of a map, as every index here is read: one key at a time. */
export interface Lookup<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
}

const GONE = Symbol('removed');

/** Keys changed before the overlay is folded into a new base (at most a quarter of the base's). */
const MAX_OVERLAY = 64;

/** Entries copied by `with` and folding (tests count it: an edit copies the keys it changed, not the whole map). */
export const layeredWork = { copied: 0 };

export class LayeredMap<K, V> implements Lookup<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly over: ReadonlyMap<K, V | typeof GONE>,
    readonly size: number,
  ) {}

  static of<K, V>(entries: Map<K, V> = new Map()): LayeredMap<K, V> {
    return new LayeredMap(entries, new Map(), entries.size);
  }

  get(key: K): V | undefined {
    const v = this.over.get(key);
    if (v === GONE) return undefined;
    return v !== undefined || this.over.has(key) ? (v as V) : this.base.get(key);
  }

  has(key: K): boolean {
    const v = this.over.get(key);
    if (v === GONE) return false;
    return v !== undefined || this.over.has(key) || this.base.has(key);
  }

  /** A new map with `changes` applied (undefined removes the key); this one is left as it was. */
  with(changes: ReadonlyMap<K, V | undefined>): LayeredMap<K, V> {
    if (changes.size === 0) return this;
    let size = this.size;
    const over = new Map(this.over);
    layeredWork.copied += over.size + changes.size;
    for (const [k, v] of changes) {
      const had = this.has(k);
      if (v === undefined) {
        if (!had) continue;
        size--;
        if (this.base.has(k)) over.set(k, GONE);
        else over.delete(k);
      } else {
        if (!had) size++;
        over.set(k, v);
      }
    }
    // Folded when the overlay is large for the base (a small map, or the first fill) or large at all.
    if (over.size <= Math.min(MAX_OVERLAY, this.base.size / 4)) return new LayeredMap(this.base, over, size);
    const flat = new Map(this.base);
    layeredWork.copied += flat.size;
    for (const [k, v] of over) {
      if (v === GONE) flat.delete(k);
      else flat.set(k, v);
    }
    return new LayeredMap(flat, new Map(), flat.size);
  }

  *keys(): IterableIterator<K> {
    for (const k of this.base.keys()) if (!this.over.has(k)) yield k;
    for (const [k, v] of this.over) if (v !== GONE) yield k;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const k of this.keys()) yield [k, this.get(k) as V];
  }
}
