// A change under review (`archlens check --base`) that touches governed code without its document: see
// core/changeReview.ts. Reported at the start of the changed file.
import { findUndocumentedChanges } from '../changeReview';
import type { Rule } from './rule';

export const undocumentedChangeRule: Rule = {
  name: 'undocumented change',
  codes: ['undocumented-change'],

  change({ snapshot }, changed, report) {
    const s = snapshot;
    for (const u of findUndocumentedChanges({ decisions: s.decisions, views: s.views, changed, settings: s.settings.staleness })) {
      report({
        code: 'undocumented-change',
        path: u.path,
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        message: u.message,
        related: [{ path: u.docPath, line: u.docLine, message: `${u.subject}, which documents it` }],
      });
    }
  },
};
