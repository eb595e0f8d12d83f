// Every problem and diagnostic code Archlens reports, with its default severity: one table, used by the index,
// the language server and the command-line check. Codes are stable: users configure them by name.
import type { Problem, Severity, TextRange } from './model';

export const PROBLEM_CODES = {
  // Reading files
  'unreadable-file': { severity: 'warning', summary: 'a file could not be read' },
  'binary-file': { severity: 'warning', summary: 'a document that is not text (it holds NUL bytes)' },
  'file-too-large': { severity: 'warning', summary: 'a document over the size limit, not indexed' },
  'bad-front-matter': { severity: 'error', summary: 'YAML front matter that does not parse' },
  'bad-config': { severity: 'error', summary: 'an .archlens.yml, .adr-dir or .log4brains.yml that cannot be used' },
  // Decisions
  'missing-title': { severity: 'warning', summary: 'a decision without a title heading' },
  'unknown-status': { severity: 'warning', summary: 'a status word that is not known, reported once per repository' },
  'missing-status': { severity: 'information', summary: 'a decision that states no status' },
  'bad-date': { severity: 'information', summary: 'a date that cannot be read as a calendar date' },
  'number-mismatch': { severity: 'warning', summary: 'a decision whose title and file name give different numbers' },
  'duplicate-number': { severity: 'warning', summary: 'two decisions with the same number' },
  'dangling-relation': { severity: 'warning', summary: 'a relation to a decision that does not exist' },
  'one-sided-relation': { severity: 'information', summary: 'a relation the other decision does not state' },
  'conflicting-relation': { severity: 'warning', summary: 'two decisions that disagree about their relation' },
  'supersede-cycle': { severity: 'error', summary: 'decisions that supersede each other in a cycle' },
  // Glossary and views
  'bad-glossary': { severity: 'warning', summary: 'a glossary entry that cannot be read' },
  'conflicting-term': { severity: 'warning', summary: 'a term defined differently in two glossaries' },
  'empty-view': { severity: 'information', summary: 'a view with no element catalog' },
  // References in any file
  'unknown-decision': { severity: 'warning', summary: 'a reference to a decision that does not exist' },
  'superseded-decision': { severity: 'information', summary: 'a reference to a superseded or deprecated decision' },
  'index-out-of-date': { severity: 'information', summary: 'an index of decisions that misses one, or lists a stale status or title' },
  'avoided-term': { severity: 'information', summary: 'a word the glossary asks to avoid' },
  // Staleness (git)
  'stale-documentation': { severity: 'warning', summary: 'governed code changed after its documentation' },
  'missing-code-path': { severity: 'warning', summary: 'documentation that points at code which is gone' },
  'invalid-front-matter': { severity: 'warning', summary: 'a front matter value in the wrong form (a person, a date, a commit, a list)' },
  'undocumented-change': { severity: 'warning', summary: 'a governed file changed without its documentation' },
  // Guardrails
  'guardrail': { severity: 'warning', summary: 'code that breaks a guardrail of a decision' },
  'bad-guardrail': { severity: 'warning', summary: 'a guardrail a decision writes that cannot be used' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export function problem(code: ProblemCode, path: string, line: number, message: string, range?: TextRange): Problem {
  const p: Problem = { code, severity: PROBLEM_CODES[code].severity, path, line, message };
  if (range) p.range = range;
  return p;
}
