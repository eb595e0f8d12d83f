// What the index found while reading the documents: unreadable or binary files, bad front matter or
// configuration, decisions without a title or status, bad dates, duplicate numbers, the relations between decisions
// (dangling, one-sided, conflicting, cycles), glossary entries that cannot be read, conflicting terms, empty views.
import type { Problem } from '../model';
import type { ProblemCode } from '../problems';
import type { IndexSnapshot } from '../snapshot';
import { lineRange } from './lines';
import type { Rule } from './rule';

export const indexProblemsRule: Rule = {
  name: 'index problems and relations',

  paths: ({ snapshot }) => problemsByPath(snapshot).keys(),

  concerns: ({ snapshot }, path) => problemsByPath(snapshot).has(path),

  // Every problem is at a path `paths` names.
  mayFindIn: () => false,

  document({ snapshot }, doc, report) {
    for (const p of problemsByPath(snapshot).get(doc.path) ?? []) {
      report({ code: p.code as ProblemCode, path: doc.path, range: p.range ?? lineRange(doc, p.line), message: p.message });
    }
  },
};

/** The index's problems per path, grouped once per snapshot (`snapshot.derived`). */
export function problemsByPath(snapshot: IndexSnapshot): Map<string, Problem[]> {
  return snapshot.derived(groupProblems);
}

function groupProblems(snapshot: IndexSnapshot): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of snapshot.problems) {
    const list = map.get(p.path);
    if (list) list.push(p);
    else map.set(p.path, [p]);
  }
  return map;
}
