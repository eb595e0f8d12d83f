// Which snapshot of an index another one follows: data derived from a snapshot (the guardrail index) may be made
// from what was derived from the snapshot before it, by what changed, instead of from every decision again. Held
// weakly: a run of edits must not keep every earlier snapshot alive.
import type { IndexSnapshot } from './snapshot';

const previous = new WeakMap<IndexSnapshot, WeakRef<IndexSnapshot>>();

export function follows(next: IndexSnapshot, prev: IndexSnapshot): void {
  previous.set(next, new WeakRef(prev));
}

/** The snapshot `snapshot` follows, while it is still alive. */
export function previousSnapshot(snapshot: IndexSnapshot): IndexSnapshot | undefined {
  return previous.get(snapshot)?.deref();
}
