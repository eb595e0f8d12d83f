// What a rule is: a core module that looks at the index (and the history findings) and reports findings. Rules
// never see LSP or the command line; the engine (index.ts) applies the user's severities and runs them for every
// front. A new rule is one module implementing `Rule` and one line in the engine's list.
import type { Finding } from '../findings';
import type { Severity } from '../model';
import type { ProblemCode } from '../problems';
import type { IndexSnapshot } from '../snapshot';
import type { ArchlensSettings } from '../settings';
import type { MissingCodeFinding, StaleFinding } from '../staleness';
import type { LineIndex } from '../text';

/** What git history says about the folder, as the rules read it (empty when history is off). */
export interface FolderHistory {
  /** Documentation older than the code it governs. */
  stale: readonly StaleFinding[];
  /** Documentation naming code that is gone. */
  missing: readonly MissingCodeFinding[];
}

/** One document as the rules read it: the editor's text when it is open, else the file on disk. */
export interface CheckedDocument {
  /** Workspace-relative path. */
  path: string;
  text: string;
  /** The editor's language id, '' when unknown (the extension decides then). */
  languageId: string;
  lines: LineIndex;
}

export interface RuleContext {
  snapshot: IndexSnapshot;
  settings: ArchlensSettings;
  history: FolderHistory;
}

/**
 * A finding before the engine gives it the severity the settings ask for. A rule may name a lower severity for one
 * finding (a proposed decision's guardrail is information whatever the team set); the engine never raises it.
 */
export type RawFinding = Omit<Finding, 'severity'> & { severity?: Severity };
export type Report = (finding: RawFinding) => void;

export interface Rule {
  /** For messages and the contributor guide. */
  name: string;
  /** The codes this rule reports, when it is a fixed list: a rule whose codes are all 'off' is not run. */
  codes?: readonly ProblemCode[];
  /**
   * Paths this rule has something to say about without their text being open: the language server diagnoses these
   * after every change, and `archlens check` always includes them.
   */
  paths?(ctx: RuleContext): Iterable<string>;
  /**
   * Is this one path among `paths`? Asked for the paths an edit may have moved in or out, so that the language
   * server keeps the list up to date without walking every record after each change.
   */
  concerns?(ctx: RuleContext, path: string): boolean;
  /** Findings in one document. */
  document?(ctx: RuleContext, doc: CheckedDocument, report: Report): void;
  /**
   * Can `document` find anything in this file that `paths` does not name, once it reads the text? A whole-folder
   * check reads only the files `paths` names and those some rule answers yes for: a code file that cites no
   * decision, in a folder whose glossary avoids no word, holds nothing any rule reports, and is not read again.
   * Without it, the rule may find something in any file. The answer must come from the index alone (what was
   * read when the file was indexed), and never be no for a file in which `document` could report.
   */
  mayFindIn?(ctx: RuleContext, path: string): boolean;
  /**
   * The rule reads `ctx.history` and reports only at the paths it names. A whole-folder check runs the other rules
   * while git is still being read, and these once it is in.
   */
  readsHistory?: boolean;
  /** Findings about a change under review (`archlens check --base`): the changed files. */
  change?(ctx: RuleContext, changed: readonly string[], report: Report): void;
}
