// Documentation that names code which is gone (a governs glob, an element's code path, a link), as
// core/staleness.ts finds it; the fix rewrites a renamed path or removes a deleted one from governs.
import { lineRange } from './lines';
import type { Rule } from './rule';
import { missingIndexOf } from './staleDocumentation';

export const missingCodeRule: Rule = {
  name: 'missing code paths',
  codes: ['missing-code-path'],
  readsHistory: true,

  paths: ({ history }) => history.missing.map((m) => m.docPath),

  concerns: ({ history }, path) => missingIndexOf(history).has(path),

  mayFindIn: () => false,

  document({ history }, doc, report) {
    for (const m of missingIndexOf(history).get(doc.path) ?? []) {
      report({
        code: 'missing-code-path',
        path: doc.path,
        range: lineRange(doc, m.line),
        message: m.message,
        fix: { kind: 'missing-path', pattern: m.pattern, list: m.kind, ...(m.renamedTo !== undefined ? { renamedTo: m.renamedTo } : {}) },
      });
    }
  },
};
