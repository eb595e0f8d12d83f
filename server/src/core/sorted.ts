// Binary search over lists kept sorted by a string (paths, commit hashes): the one implementation the index, the
// snapshot, the history model and the session share.

/** The index of the first string not less than `key` in a sorted array (where `key` is, or would be inserted). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The same, for a list of items sorted by `keyOf(item)`. */
export function lowerBoundBy<T>(sorted: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
