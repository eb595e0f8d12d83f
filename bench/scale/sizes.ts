// The three repository sizes the scale benchmark generates. `large` is the size of the organisations Archlens is
// built for: 10,000 decision and view documents, a 10,000-term glossary, 100,000 source files, 50,000 commits.
import type { MonorepoShape } from '../fixtures';

export interface BenchSize {
  name: 'small' | 'medium' | 'large';
  shape: MonorepoShape;
  commits: number;
  /** How many times the whole-run measures (CLI index, check, server start) are repeated; the median is kept. */
  runs: number;
  /** Edits sent for the memory measure. */
  edits: number;
  /** Requests per latency measure. */
  requests: number;
}

export const SIZES: Record<BenchSize['name'], BenchSize> = {
  small: {
    name: 'small',
    shape: { packages: 4, decisionsPerPackage: 48, viewsPerPackage: 2, sourcesPerPackage: 500, terms: 200, citingShare: 0.1, seed: 2024 },
    commits: 500,
    runs: 1,
    edits: 200,
    requests: 100,
  },
  medium: {
    name: 'medium',
    shape: { packages: 20, decisionsPerPackage: 100, viewsPerPackage: 2, sourcesPerPackage: 1000, terms: 2000, citingShare: 0.1, seed: 2024 },
    commits: 10_000,
    runs: 3,
    edits: 2000,
    requests: 500,
  },
  large: {
    name: 'large',
    shape: { packages: 100, decisionsPerPackage: 100, viewsPerPackage: 1, sourcesPerPackage: 1000, terms: 10_000, citingShare: 0.1, seed: 2024 },
    commits: 50_000,
    // One run of each whole-run measure and 200 requests per latency: a large run fits in the time a shared
    // machine gives it (the medians of medium come from three runs).
    runs: 1,
    edits: 2000,
    requests: 200,
  },
};
