// A change under review (`archlens check --base`) that touches governed code without its document: see
// core/changeReview.ts. Reported once on the document, naming the changed files.
import { findUndocumentedChanges } from '../changeReview';
import type { Rule } from './rule';

export const undocumentedChangeRule: Rule = {
  name: 'undocumented change',
  codes: ['undocumented-change'],

  change({ snapshot }, changed, report) {
    const s = snapshot;
    for (const u of findUndocumentedChanges({ decisions: s.decisions, views: s.views, changed, settings: s.settings.staleness, governance: s.governance })) {
      // One finding per document that should have changed, naming the files that did.
      report({
        code: 'undocumented-change',
        path: u.docPath,
        range: { start: { line: u.docLine, character: 0 }, end: { line: u.docLine, character: 0 } },
        message: u.message,
        related: u.paths.slice(0, 20).map((path) => ({ path, line: 1, message: `${path} changed` })),
      });
    }
  },
};
