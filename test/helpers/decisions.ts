// Decisions built by hand for tests and benchmarks, with every field the index fills and the test does not care
// about set as a decision without relations, people or prose would have it. A test gives what it is about (its
// path, status, governed paths, relations) and nothing else.
import type { Decision } from '../../server/src/core/model';

export function makeDecision(fields: Pick<Decision, 'id' | 'title' | 'path'> & Partial<Decision>): Decision {
  return {
    line: 1,
    supersedes: [],
    supersededBy: [],
    amends: [],
    amendedBy: [],
    tags: [],
    deciders: [],
    consulted: [],
    informed: [],
    governs: [],
    format: 'madr',
    summary: '',
    searchText: '',
    ...fields,
  };
}
