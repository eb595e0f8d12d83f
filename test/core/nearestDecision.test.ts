// Resolving a reference by number picks, of the decisions holding that number, the one whose folder shares the
// longest prefix with the citing file's folder. The comparison scans the two folders in place instead of splitting
// them per candidate; it must give the count and the choice the segment-by-segment comparison gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPrefixSegments, nearest } from '../../server/src/core/decisionGraph';

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The comparison as written before: split both folders at `/`, count equal leading segments. */
function bySplitting(a: string, b: string): number {
  if (a === b) return Number.MAX_SAFE_INTEGER;
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

function nearestBySplitting<T extends { path: string }>(candidates: readonly T[], fromPath: string): T | undefined {
  if (candidates.length === 0) return undefined;
  let best = candidates[0];
  let bestScore = -1;
  for (const c of candidates) {
    const score = bySplitting(dirname(c.path), dirname(fromPath));
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

// Few segment names (some prefixes of others, some empty), so that paths share prefixes and differ at every place.
const segment = fc.constantFrom('', 'a', 'ab', 'b', 'docs', 'adr', 'packages', 'p1', 'p10', 'a.b');
const path = fc.array(segment, { minLength: 0, maxLength: 6 }).map((s) => s.join('/'));

describe('nearest decision by folder', () => {
  it('counts the shared folder segments as splitting the folders would', () => {
    fc.assert(
      fc.property(path, path, (a, b) => {
        expect(commonPrefixSegments(a, a.lastIndexOf('/'), dirname(b))).toBe(bySplitting(dirname(a), dirname(b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('chooses the decision the comparison by splitting chooses', () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 8 }), path, (paths, from) => {
        const candidates = paths.map((p, i) => ({ path: p, i }));
        expect(nearest(candidates, from)?.i).toBe(nearestBySplitting(candidates, from)?.i);
      }),
      { numRuns: 3000 },
    );
  });

  it('prefers the decision of the citing file’s own package', () => {
    const candidates = ['packages/p1/docs/adr/0002-x.md', 'packages/p10/docs/adr/0002-y.md', 'docs/adr/0002-z.md'].map((p) => ({ path: p }));
    expect(nearest(candidates, 'packages/p10/src/a.ts')?.path).toBe('packages/p10/docs/adr/0002-y.md');
    expect(nearest(candidates, 'packages/p1/docs/adr/0003-w.md')?.path).toBe('packages/p1/docs/adr/0002-x.md');
    expect(nearest(candidates, 'docs/guide.md')?.path).toBe('docs/adr/0002-z.md');
    // No folder in common: the first.
    expect(nearest(candidates, 'README.md')?.path).toBe('packages/p1/docs/adr/0002-x.md');
  });
});
