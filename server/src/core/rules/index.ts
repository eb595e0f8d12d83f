// The rule engine: every rule Archlens reports, run the same way for the language server and `archlens check`.
// The server asks for the findings of the documents it publishes (checkDocument); the command line checks a whole
// folder, some files or a change under review (checkFolder). Both apply the same severities from the settings, so
// the editor and CI can only differ in which files they look at, never in what a file's findings are.
//
// A new rule: a module in this folder implementing `Rule` (see rule.ts), and one line in RULES.
import { isIndexedPath } from '../analyse';
import { compareFindings, type Finding } from '../findings';
import type { Severity } from '../model';
import { severityOf } from '../settings';
import type { IndexSnapshot } from '../snapshot';
import { LineIndex } from '../text';
import { avoidedTermsRule } from './avoidedTerms';
import { decisionReferencesRule } from './decisionReferences';
import { frontMatterValuesRule } from './frontMatterValues';
import { guardrailsRule } from './guardrails';
import { indexFilesRule } from './indexFiles';
import { indexProblemsRule } from './indexProblems';
import { missingCodeRule } from './missingCode';
import type { CheckedDocument, FolderHistory, RawFinding, Rule, RuleContext } from './rule';
import { staleDocumentationRule } from './staleDocumentation';
import { undocumentedChangeRule } from './undocumentedChange';

export type { CheckedDocument, FolderHistory, Rule, RuleContext } from './rule';

/** Every rule, in the order their findings are listed when two start at the same place. */
export const RULES: readonly Rule[] = [
  decisionReferencesRule,
  indexProblemsRule,
  indexFilesRule,
  avoidedTermsRule,
  staleDocumentationRule,
  missingCodeRule,
  undocumentedChangeRule,
  frontMatterValuesRule,
  guardrailsRule,
];

/** What to check: the whole folder, some files (and every file with findings), or a change under review. */
export type CheckScope =
  | { kind: 'folder' }
  | { kind: 'files'; paths: Iterable<string> }
  | { kind: 'change'; changed: readonly string[] };

/** Reads a workspace file's text; undefined when it cannot or should not be read (too large, binary, gone). */
export type ReadText = (path: string) => Promise<string | undefined>;

export function ruleContext(snapshot: IndexSnapshot, history: FolderHistory): RuleContext {
  return { snapshot, settings: snapshot.settings, history };
}

export function checkedDocument(path: string, text: string, languageId = ''): CheckedDocument {
  return { path, text, languageId, lines: new LineIndex(text) };
}

/** The paths some rule has something to say about without reading them (problems, stale documents, citations). */
export function pathsWithFindings(ctx: RuleContext): Set<string> {
  return rulePaths(ctx, RULES);
}

function rulePaths(ctx: RuleContext, rules: readonly Rule[]): Set<string> {
  const paths = new Set<string>();
  for (const rule of rules) if (rule.paths) for (const p of rule.paths(ctx)) paths.add(p);
  return paths;
}

/** Is this path among `pathsWithFindings`? (Each rule answers for the one path.) */
export function hasFindingsAt(ctx: RuleContext, path: string): boolean {
  for (const rule of RULES) if (rule.concerns?.(ctx, path)) return true;
  return false;
}

/** The findings of one document, in reading order, with the severities the settings give (codes set to 'off' dropped). */
export function checkDocument(ctx: RuleContext, doc: CheckedDocument): Finding[] {
  return documentFindings(ctx, doc, RULES);
}

function documentFindings(ctx: RuleContext, doc: CheckedDocument, rules: readonly Rule[]): Finding[] {
  const out = new FindingSink(ctx);
  for (const rule of rules) if (rule.document && out.wants(rule)) rule.document(ctx, doc, out.report);
  return out.findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.code === b.code ? 0 : a.code < b.code ? -1 : 1),
  );
}

/** The findings about a change under review that belong to no document's text (governed code changed alone). */
export function checkChange(ctx: RuleContext, changed: readonly string[]): Finding[] {
  const out = new FindingSink(ctx);
  for (const rule of RULES) if (rule.change && out.wants(rule)) rule.change(ctx, changed, out.report);
  return out.findings;
}

/**
 * Can some rule find anything in this file's text, beyond the paths the rules name (`pathsWithFindings`)? Only the
 * rules whose codes are on are asked; a rule that does not say is taken to find something anywhere.
 */
export function mayFindIn(ctx: RuleContext, path: string, rules: readonly Rule[] = documentRules(ctx, RULES)): boolean {
  for (const rule of rules) if (!rule.mayFindIn || rule.mayFindIn(ctx, path)) return true;
  return false;
}

/** Those of `rules` that read documents and have a code switched on. */
function documentRules(ctx: RuleContext, rules: readonly Rule[]): Rule[] {
  const sink = new FindingSink(ctx);
  return rules.filter((r) => r.document && sink.wants(r));
}

/** What a rule that reads no history sees of it. */
const NO_HISTORY: FolderHistory = { stale: [], missing: [] };

/**
 * Every finding in scope, sorted by path and position. A whole folder or a change looks at every file the index
 * reads (code files too: avoided words in comments are findings), a change keeps only the changed files' findings.
 * A file is read only when some rule can find something in it (`Rule.mayFindIn`): in a large repository, most code
 * files cite no decision and have no word to avoid, and reading them again would be most of the run.
 *
 * `history` may still be on its way (git is read in another process): the rules that need none run first, while
 * it is read, and those of `Rule.readsHistory` then, at the paths they name. The findings are the same either way.
 */
export async function checkFolder(snapshot: IndexSnapshot, history: FolderHistory | PromiseLike<FolderHistory>, scope: CheckScope, read: ReadText): Promise<Finding[]> {
  const changed = scope.kind === 'change' ? new Set(scope.changed) : undefined;
  const inScope = (paths: Set<string>) => [...paths].filter((p) => !changed || changed.has(p)).sort();

  // 1. Every rule that reads no history, over the paths they name and the files they may find something in.
  const textual = RULES.filter((r) => !r.readsHistory);
  const early = ruleContext(snapshot, NO_HISTORY);
  const paths = rulePaths(early, textual);
  if (scope.kind === 'files') for (const p of scope.paths) paths.add(p);
  else {
    const rules = documentRules(early, textual);
    for (const p of snapshot.files) if (!paths.has(p) && isIndexedPath(p, snapshot.context) && mayFindIn(early, p, rules)) paths.add(p);
  }
  const findings: Finding[] = scope.kind === 'change' ? checkChange(early, scope.changed) : [];
  await checkPaths(early, inScope(paths), textual, read, findings);

  // 2. The rules of history, at the paths they name (they find nothing anywhere else).
  const historical = RULES.filter((r) => r.readsHistory);
  const ctx = ruleContext(snapshot, await history);
  await checkPaths(ctx, inScope(rulePaths(ctx, historical)), historical, read, findings);
  return findings.sort(compareFindings);
}

/** Reads each path and adds what `rules` find in it to `findings`. */
async function checkPaths(ctx: RuleContext, paths: readonly string[], rules: readonly Rule[], read: ReadText, findings: Finding[]): Promise<void> {
  const BATCH = 64;
  for (let i = 0; i < paths.length; i += BATCH) {
    const batch = paths.slice(i, i + BATCH);
    const texts = await Promise.all(batch.map((p) => read(p).catch(() => undefined)));
    batch.forEach((path, j) => findings.push(...documentFindings(ctx, checkedDocument(path, texts[j] ?? ''), rules)));
  }
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** Collects a rule's findings: gives each the severity its code has in the settings, drops 'off' and repeats. */
class FindingSink {
  readonly findings: Finding[] = [];
  private readonly severities = new Map<string, Severity | undefined>();
  private readonly seen = new Set<string>();

  constructor(private readonly ctx: RuleContext) {}

  /** Is any code of this rule switched on? (Rules without a fixed list always run.) */
  wants(rule: Rule): boolean {
    return !rule.codes || rule.codes.some((c) => this.severity(c) !== undefined);
  }

  readonly report = (f: RawFinding): void => {
    const configured = this.severity(f.code);
    if (configured === undefined) return;
    // A rule may report below its code's severity (a proposed decision's guardrail is information), never above.
    const severity = f.severity && SEVERITY_RANK[f.severity] < SEVERITY_RANK[configured] ? f.severity : configured;
    // The index and a rule may say the same thing twice (a finding also kept as a problem); once is enough.
    const key = `${f.path}\0${f.code}\0${f.range.start.line}:${f.range.start.character}\0${f.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({ ...f, severity });
  };

  private severity(code: string): Severity | undefined {
    if (!this.severities.has(code)) this.severities.set(code, severityOf(this.ctx.settings, code));
    return this.severities.get(code);
  }
}
