// References to decisions (`ADR-0007`, `@adr 7`, links into decision folders) that cite no decision, or cite one
// that was superseded or deprecated (with the decision that stands today, for the quick fix).
import { decisionLabel, isRetired, isSuperseded, successorOf } from '../lifecycle';
import type { RelatedLocation } from '../findings';
import type { Decision, DecisionReference, TextRange } from '../model';
import { isMarkdownPath } from '../paths';
import { isDecisionTemplate } from '../decisions/paths';
import { findDecisionReferences, findMarkdownLinks, isPlaceholderFileName } from '../references';
import type { IndexSnapshot } from '../snapshot';
import type { CheckedDocument, RawFinding, Rule } from './rule';
import { readDecisionIndex } from '../decisions/indexFiles';

function citesUnknownOrSuperseded(snapshot: IndexSnapshot, path: string): boolean {
  for (const r of snapshot.referencesIn(path)) {
    if (r.form === 'link') continue;
    const d = snapshot.resolve(r, path);
    if (!d || isSuperseded(d)) return true;
  }
  return false;
}

export const decisionReferencesRule: Rule = {
  name: 'decision references',
  codes: ['unknown-decision', 'superseded-decision'],

  *paths({ snapshot }) {
    for (const path of snapshot.recordPaths()) if (citesUnknownOrSuperseded(snapshot, path)) yield path;
  },

  concerns: ({ snapshot }, path) => citesUnknownOrSuperseded(snapshot, path),

  // The index looked for references in every file it read, with the same scanner on the same text: a file without
  // any cites nothing. Markdown is read for its links into decision folders, which the scanner does not keep.
  mayFindIn: ({ snapshot }, path) => isMarkdownPath(path) || snapshot.referencesIn(path).length > 0,

  document({ snapshot }, doc, report) {
    const self = snapshot.decisionAt(doc.path);
    // A decision's references to the decisions it is related to, and a retired decision's references, are its history.
    const related = new Set(self ? [self.id, ...self.supersedes, ...self.supersededBy, ...self.amends, ...self.amendedBy] : []);
    const historical = self !== undefined && isRetired(self);
    const covered = new Set<string>();
    let indexLines: Set<number> | undefined;
    // An unknown decision cited several times in one file is one finding, at its first citation, with the others
    // as related locations.
    const unknown = new Map<string, RawFinding & { related: RelatedLocation[] }>();
    const reportUnknown = (key: string, range: TextRange, message: string) => {
      const known = unknown.get(key);
      if (known) known.related.push({ path: doc.path, line: range.start.line, message: 'cited again here' });
      else unknown.set(key, { code: 'unknown-decision', path: doc.path, range, message, related: [] });
    };
    const code = () => snapshot.markdownOf(doc.path, doc.text).code;
    const references = findDecisionReferences(doc.path, doc.text, isMarkdownPath(doc.path) ? code : undefined);

    for (let i = 0; i < references.length; i++) {
      const ref = references[i];
      const range = ref.range;
      covered.add(`${range.start.line}:${range.start.character}`);
      const decision = snapshot.resolve(ref, doc.path);
      // `[ADR-0006](0006-x.md)` is one citation: report it once, on the link, whose fix rewrites the label too.
      const next = references[i + 1];
      if (
        decision &&
        next?.form === 'link' &&
        next.range.start.line === ref.range.end.line &&
        next.range.start.character === ref.range.end.character + 2 &&
        snapshot.resolve(next, doc.path) === decision
      ) {
        continue;
      }
      if (!decision) {
        // Another site's decision (`[ADR 033](https://…)`) is not this repository's to find.
        const message = ref.external === undefined ? unknownMessage(snapshot, ref) : undefined;
        if (message) reportUnknown(ref.number !== undefined ? `#${ref.number}` : `${ref.path}`, range, message);
        continue;
      }
      if (ref.external !== undefined || historical || related.has(decision.id) || !isSuperseded(decision)) continue;
      // An index lists superseded decisions too: that is its job, not a use of them.
      if ((indexLines ??= entryLines(snapshot, doc, references)).has(range.start.line)) continue;
      const successor = successorOf(decision, (id) => snapshot.decision(id));
      report({
        code: 'superseded-decision',
        path: doc.path,
        range,
        message: supersededMessage(snapshot, decision, successor),
        fix: successor ? { kind: 'cite-successor', decision: decision.id, successor: successor.id } : { kind: 'cite-successor', decision: decision.id },
      });
    }

    // The reference scanner only takes links to `.md` files; a gone link to a `.markdown` decision is caught here.
    // A template's links are placeholders for the author to replace.
    if (isMarkdownPath(doc.path) && !isDecisionTemplate(doc.path)) {
      for (const link of findMarkdownLinks(doc.path, doc.text, code)) {
        const range = link.range;
        if (covered.has(`${range.start.line}:${range.start.character}`)) continue;
        if (!snapshot.context.isDecisionPath(link.path) || snapshot.decisionAt(link.path) || snapshot.hasFile(link.path)) continue;
        if (isPlaceholderFileName(link.path)) continue;
        reportUnknown(link.path, range, `Unknown decision: ${link.path} does not exist`);
      }
    }
    for (const finding of unknown.values()) {
      const { related, ...rest } = finding;
      report(related.length > 0 ? { ...rest, related } : rest);
    }
  },
};

/** The lines of a document's index entries (a README table or list naming one decision per row); none when it is no index. */
function entryLines(snapshot: IndexSnapshot, doc: CheckedDocument, references: readonly DecisionReference[]): Set<number> {
  const lines = new Set<number>();
  if (self(snapshot, doc.path) || !isMarkdownPath(doc.path)) return lines;
  const index = readDecisionIndex(snapshot.markdownOf(doc.path, doc.text), references, (r) => snapshot.resolve(r, doc.path), snapshot.context.statusVocabulary);
  for (const e of index?.entries ?? []) for (let l = e.line; l <= e.endLine; l++) lines.add(l);
  return lines;
}

function self(snapshot: IndexSnapshot, path: string): boolean {
  return snapshot.decisionAt(path) !== undefined;
}

function unknownMessage(snapshot: IndexSnapshot, ref: DecisionReference): string | undefined {
  if (ref.path !== undefined) {
    const exists = snapshot.hasFile(ref.path);
    // A link to an ordinary document is not a reference to a decision; only links into decision folders are.
    if (ref.form === 'link' && (exists || !snapshot.context.isDecisionPath(ref.path))) return undefined;
    return exists ? `Unknown decision: ${ref.path} is not a decision` : `Unknown decision: ${ref.path} does not exist`;
  }
  if (ref.number === undefined) return undefined;
  return `Unknown decision ${ref.text.trim()}: no decision has number ${ref.number}`;
}

function supersededMessage(snapshot: IndexSnapshot, d: Decision, successor: Decision | undefined): string {
  const direct = d.supersededBy.length > 0 ? snapshot.decision(d.supersededBy[0]) : undefined;
  const what = d.status === 'deprecated' ? 'is deprecated' : 'is superseded';
  if (!successor) return `${decisionLabel(d)} ${what}`;
  const by = d.status === 'deprecated' ? `${what}; it was replaced by` : 'is superseded by';
  const now = direct && direct.id !== successor.id ? `${decisionLabel(direct)}, now ${decisionLabel(successor)}` : decisionLabel(successor);
  return `${decisionLabel(d)} ${by} ${now}`;
}
