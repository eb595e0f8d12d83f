// Guardrails: what the decisions in force forbid, checked in each document's dependencies, imports and text, and the
// files they require (reported on the guardrail). The vocabulary, the enforcement by status and the matching live in
// core/guardrails; this module is the rule the engine runs.
import { guardrailIndex } from '../guardrails';
import { readImports } from '../imports';
import { readManifest } from '../manifests';
import type { Rule } from './rule';

export const guardrailsRule: Rule = {
  name: 'guardrails',
  codes: ['guardrail'],

  paths: ({ snapshot }) => guardrailIndex(snapshot).pathsToCheck(),

  concerns: ({ snapshot }, path) => guardrailIndex(snapshot).mayHaveFindings(path),

  // A guardrail that applies to no file here finds nothing in it (required files are reported on their decision).
  mayFindIn: ({ snapshot }, path) => {
    const index = guardrailIndex(snapshot);
    return !index.isEmpty && index.appliesTo(path).length > 0;
  },

  document({ snapshot }, doc, report) {
    const index = guardrailIndex(snapshot);
    if (index.isEmpty) return;
    // The document's own text (an open editor's, not the last saved one) is read again: one file, once per check.
    const facts = index.appliesTo(doc.path).length > 0 ? { dependencies: readManifest(doc.path, doc.text), imports: readImports(doc.path, doc.text), text: doc.text } : {};
    for (const f of index.findingsIn(doc.path, facts)) report(f);
  },
};
