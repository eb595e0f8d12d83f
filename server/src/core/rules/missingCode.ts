// Documentation that names code which is gone (a governs glob, an element's code path, a link), as
// core/staleness.ts finds it.
import { lineRange } from './lines';
import type { Rule } from './rule';

export const missingCodeRule: Rule = {
  name: 'missing code paths',
  codes: ['missing-code-path'],

  paths: ({ history }) => history.missing.map((m) => m.docPath),

  document({ history }, doc, report) {
    for (const m of history.missing) {
      if (m.docPath === doc.path) report({ code: 'missing-code-path', path: doc.path, range: lineRange(doc, m.line), message: m.message });
    }
  },
};
